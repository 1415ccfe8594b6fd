using DuckDB.NET.Data;
using Olist.Pipeline.Errors;

namespace Olist.Pipeline.Warehouse;

/// <summary>Opens connections to the embedded DuckDB warehouse file, creating its folder when needed.</summary>
public sealed class DuckDbWarehouse
{
    private readonly string _connectionString;
    private long _modelsVersion;

    /// <summary>A warehouse stored in <paramref name="databasePath"/>.</summary>
    public DuckDbWarehouse(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = $"Data Source={DatabasePath}";
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// How many times this process may have changed the warehouse's models (every build counts), so a reader can keep what
    /// it computed from them until the next change. Another process cannot build while this one holds the warehouse open.
    /// </summary>
    public long ModelsVersion => Interlocked.Read(ref _modelsVersion);

    /// <summary>Records that the models may have changed: the transform engine calls it after every build.</summary>
    public void ModelsChanged() => Interlocked.Increment(ref _modelsVersion);

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
}
