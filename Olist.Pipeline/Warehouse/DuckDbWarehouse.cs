using DuckDB.NET.Data;
using Olist.Pipeline.Errors;

namespace Olist.Pipeline.Warehouse;

/// <summary>Opens connections to the embedded DuckDB warehouse file, creating its folder when needed.</summary>
public sealed class DuckDbWarehouse
{
    private readonly string _connectionString;

    /// <summary>A warehouse stored in <paramref name="databasePath"/>.</summary>
    public DuckDbWarehouse(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = $"Data Source={DatabasePath}";
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

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
