using Olist.Pipeline.Transform.Rendering.Dialects;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Transform.Execution;

/// <summary>The embedded DuckDB warehouse as the engine's target: one connection per run.</summary>
internal sealed class DuckDbBuildTarget(DuckDbWarehouse warehouse) : IBuildTarget
{
    public IWarehouse Warehouse => warehouse;

    public TargetWarehouse Target => TargetWarehouse.DuckDb;

    public string? Dataset => null;

    /// <summary>
    /// Staging reads the live stream's tables by their current columns (commit_seq); a warehouse an earlier consumer wrote
    /// gets them here, as the consumer's start would give them, so a build never depends on the consumer having run first.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await StreamTables.UpgradeAsync(connection, cancellationToken);
    }

    public async Task<IWarehouseSession> OpenSessionAsync(CancellationToken cancellationToken) => await DuckDbSession.OpenAsync(warehouse, cancellationToken);
}
