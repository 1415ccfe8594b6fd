using DuckDB.NET.Data;

namespace Olist.Pipeline.Warehouse;

/// <summary>The embedded DuckDB warehouse file: opens connections to it, creating its folder when needed.</summary>
public sealed class DuckDbWarehouse : IWarehouse
{
    private readonly string _connectionString;
    private readonly Lock _threadsChange = new();
    private long _modelsVersion;
    private int _buildScopes;

    /// <summary>A warehouse stored in <paramref name="databasePath"/>, run with <paramref name="options"/> (the defaults when null).</summary>
    /// <exception cref="PipelineException">The options are not usable (a memory limit without a unit, no threads).</exception>
    public DuckDbWarehouse(string databasePath, WarehouseOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        Options = options ?? new WarehouseOptions();
        if (Options.Problem() is { } problem)
        {
            throw new PipelineException(problem);
        }

        // DuckDB takes the settings when it opens the file; DuckDB.NET then shares that one database between all the
        // connections of the process, so every connection runs under them.
        _connectionString = $"Data Source={DatabasePath};memory_limit={Options.MemoryLimit};threads={Options.Threads}";
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    public string Provider => WarehouseOptions.DuckDb;

    public string Location => DatabasePath;

    /// <summary>The memory limit, threads and query concurrency the warehouse runs with.</summary>
    public WarehouseOptions Options { get; }

    /// <summary>The models' version in this process; another process cannot build while this one holds the file open.</summary>
    public long ModelsVersion => Interlocked.Read(ref _modelsVersion);

    public void ModelsChanged() => Interlocked.Increment(ref _modelsVersion);

    /// <summary>DuckDB's memory limit and threads as it applied them, and the memory its buffer manager holds now.</summary>
    public async Task<WarehouseSettings> ReadSettingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
                current_setting('memory_limit') AS memory_limit,
                CAST(current_setting('threads') AS BIGINT) AS threads,
                (SELECT CAST(sum(memory_usage_bytes) AS BIGINT) FROM duckdb_memory()) AS memory_in_use_bytes
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new WarehouseSettings(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// Runs DuckDB with <see cref="WarehouseOptions.BuildThreads"/> until the returned scope and every other open one end, then
    /// with <see cref="WarehouseOptions.Threads"/> again. DuckDB's threads belong to the whole database, so queries served
    /// meanwhile run with the build's threads too. The scope holds a connection, so the database (and the setting) stays
    /// open while it lasts.
    /// </summary>
    public async Task<IAsyncDisposable> UseBuildThreadsAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            CountBuildScope(connection, +1);
            return new BuildThreadsScope(this, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a new connection; DuckDB.NET shares one database instance between connections of a process.</summary>
    public async Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new DuckDBConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            await connection.DisposeAsync();
            throw new PipelineException(
                $"The warehouse {DatabasePath} is in use by another process (is 'serve' running?). Stop it, or use the app's HTTP API instead.",
                ex);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Counts the open build scopes; DuckDB's threads change when the first opens and when the last ends.</summary>
    private void CountBuildScope(DuckDBConnection connection, int change)
    {
        // DuckDB.NET runs statements synchronously, so the change holds a plain lock rather than an async one.
        lock (_threadsChange)
        {
            var after = _buildScopes + change;
            int? threads = _buildScopes == 0 && after > 0 ? Options.BuildThreads : after == 0 ? Options.Threads : null;
            if (threads is { } count && Options.BuildThreads != Options.Threads)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SET threads = {count}";
                command.ExecuteNonQuery();
            }

            _buildScopes = after;
        }
    }

    /// <summary>One open <see cref="UseBuildThreadsAsync"/>, with the connection that keeps the database open; ending it twice counts once.</summary>
    private sealed class BuildThreadsScope(DuckDbWarehouse warehouse, DuckDBConnection connection) : IAsyncDisposable
    {
        private int _ended;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                try
                {
                    warehouse.CountBuildScope(connection, -1);
                }
                finally
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }
}

/// <summary>The settings DuckDB reports for the open warehouse, as an operator would check them.</summary>
/// <param name="MemoryLimit">The memory limit as DuckDB shows it (such as <c>953.6 MiB</c> for 1GB).</param>
/// <param name="Threads">Worker threads of the database.</param>
/// <param name="MemoryInUseBytes">Memory DuckDB's buffer manager holds now (tables read, query state).</param>
public sealed record WarehouseSettings(string MemoryLimit, long Threads, long MemoryInUseBytes);
