using Olist.Pipeline.Transform.Rendering.Dialects;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Transform.Execution;

/// <summary>
/// The warehouse the engine builds on (<c>Olist:Warehouse:Provider</c>): which SQL it speaks, what a run prepares first,
/// and sessions on it. DuckDB's is <see cref="DuckDbBuildTarget"/>; BigQuery's lives with its client.
/// </summary>
internal interface IBuildTarget
{
    /// <summary>The warehouse whose models the engine changes (every build bumps its models' version).</summary>
    IWarehouse Warehouse { get; }

    /// <summary>The dialect models and tests are rendered in.</summary>
    TargetWarehouse Target { get; }

    /// <summary>The BigQuery dataset that replaces the project's <c>bigquery.dataset</c>; null to keep the project's.</summary>
    string? Dataset { get; }

    /// <summary>What a run needs before its first model: the live stream's tables in their current shape, the dataset.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>A session for one run.</summary>
    Task<IWarehouseSession> OpenSessionAsync(CancellationToken cancellationToken);
}
