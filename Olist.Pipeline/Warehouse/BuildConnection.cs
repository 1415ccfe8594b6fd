using DuckDB.NET.Data;

namespace Olist.Pipeline.Warehouse;

/// <summary>
/// A connection of a load or a build (<see cref="DuckDbWarehouse.OpenForBuildAsync"/>), on which DuckDB runs with the
/// build threads; closing it twice counts once.
/// </summary>
public sealed class BuildConnection : IAsyncDisposable
{
    private readonly Action _ended;
    private int _closed;

    internal BuildConnection(DuckDBConnection connection, Action ended)
    {
        Connection = connection;
        _ended = ended;
    }

    /// <summary>The open connection.</summary>
    public DuckDBConnection Connection { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            await Connection.DisposeAsync();
            _ended();
        }
    }
}
