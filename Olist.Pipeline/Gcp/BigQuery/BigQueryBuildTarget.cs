using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Rendering.Dialects;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>BigQuery as the transform engine's target: models and tests in BigQuery SQL, on the warehouse's dataset, which a run creates when missing.</summary>
internal sealed class BigQueryBuildTarget(BigQueryWarehouse warehouse) : IBuildTarget
{
    public IWarehouse Warehouse => warehouse;

    public TargetWarehouse Target => TargetWarehouse.BigQuery;

    public string? Dataset => warehouse.Dataset;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var client = await warehouse.ClientAsync(cancellationToken);
        await client.CreateDatasetAsync(warehouse.Dataset, cancellationToken);
    }

    public async Task<IWarehouseSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        new BigQuerySession(await warehouse.ClientAsync(cancellationToken)) { Dataset = warehouse.Dataset };
}
