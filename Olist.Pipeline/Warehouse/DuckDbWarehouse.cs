using DuckDB.NET.Data;

namespace Olist.Pipeline.Warehouse;

/// <summary>The embedded DuckDB warehouse file: opens connections to it, creating its folder when needed.</summary>
public sealed class DuckDbWarehouse : IWarehouse
{
    private readonly string _connectionString;
    private readonly Lock _threadsChange = new();
    private long _modelsVersion;
    private int _buildScopes;
    private bool _servingThreadsOwed;

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
    /// Opens a connection for a load or a build: DuckDB runs with <see cref="WarehouseOptions.BuildThreads"/> while it or any
    /// other build connection is open. DuckDB's threads belong to the whole database, so queries served meanwhile run with
    /// the build's threads too. The serving threads (<see cref="WarehouseOptions.Threads"/>) come back with the next
    /// connection opened for other work, not when the build connection closes: a run of builds (a backfill's days, a DAG's
    /// tasks) keeps the build threads between its sessions instead of switching twice per session, and each switch starts
    /// DuckDB's workers cold.
    /// </summary>
    public async Task<BuildConnection> OpenForBuildAsync(CancellationToken cancellationToken) =>
        new(await OpenAsync(forBuild: true, cancellationToken), EndBuild);

    /// <summary>Opens a new connection; DuckDB.NET shares one database instance between connections of a process.</summary>
    public Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(forBuild: false, cancellationToken);

    /// <summary>Opens a connection and, under the lock, counts a build connection or gives the serving threads back when they are owed.</summary>
    private async Task<DuckDBConnection> OpenAsync(bool forBuild, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            lock (_threadsChange)
            {
                if (forBuild)
                {
                    if (_buildScopes == 0)
                    {
                        SetThreads(connection, Options.BuildThreads);
                    }

                    _buildScopes++;
                    _servingThreadsOwed = false;
                }
                else if (_servingThreadsOwed && _buildScopes == 0)
                {
                    SetThreads(connection, Options.Threads);
                    _servingThreadsOwed = false;
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A build connection closed: when it was the last, the serving threads are owed to the next connection.</summary>
    private void EndBuild()
    {
        lock (_threadsChange)
        {
            _buildScopes--;
            _servingThreadsOwed = _buildScopes == 0;
        }
    }

    private async Task<DuckDBConnection> OpenConnectionAsync(CancellationToken cancellationToken)
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

    /// <summary>
    /// Sets DuckDB's threads for the whole database; setting the number it has is a no-op, so this holds even when the
    /// database was closed and reopened (with the serving threads of the connection string) in between. Runs under the
    /// lock: DuckDB.NET runs statements synchronously, so a plain lock serves rather than an async one.
    /// </summary>
    private void SetThreads(DuckDBConnection connection, int threads)
    {
        if (Options.BuildThreads == Options.Threads)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SET threads = {threads}";
        command.ExecuteNonQuery();
    }
}

/// <summary>The settings DuckDB reports for the open warehouse, as an operator would check them.</summary>
/// <param name="MemoryLimit">The memory limit as DuckDB shows it (such as <c>953.6 MiB</c> for 1GB).</param>
/// <param name="Threads">Worker threads of the database.</param>
/// <param name="MemoryInUseBytes">Memory DuckDB's buffer manager holds now (tables read, query state).</param>
public sealed record WarehouseSettings(string MemoryLimit, long Threads, long MemoryInUseBytes);
