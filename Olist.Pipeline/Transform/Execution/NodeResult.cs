namespace Olist.Pipeline.Transform.Execution;

/// <summary>What happened to one model or test in a run, as run_results.json records it.</summary>
/// <param name="UniqueId">The node's id in the manifest, such as <c>model.fact_sales</c> or <c>test.unique_stg_orders_order_id</c>.</param>
/// <param name="Name">The model's or test's name.</param>
/// <param name="Kind">Model or test.</param>
/// <param name="Status">The outcome.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="RowsAffected">Rows written by a table or incremental model.</param>
/// <param name="Failures">Failing rows a test found.</param>
/// <param name="FailingRows">Up to ten failing rows, column name to value.</param>
/// <param name="Message">Why it failed or was skipped, or what it did.</param>
/// <param name="BytesProcessed">Bytes the warehouse processed for it (BigQuery bills by them); null where the warehouse reports none.</param>
public sealed record NodeResult(
    string UniqueId,
    string Name,
    NodeKind Kind,
    RunStatus Status,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    long? RowsAffected,
    long? Failures,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> FailingRows,
    string? Message,
    long? BytesProcessed = null);

/// <summary>The results of one command (build, test, compile), in the order the nodes ran.</summary>
public sealed record RunSummary(string Command, IReadOnlyList<NodeResult> Results, TimeSpan Elapsed)
{
    /// <summary>True when no model errored and no error-severity test failed.</summary>
    public bool Succeeded => Results.All(r => r.Status is not (RunStatus.Error or RunStatus.Fail or RunStatus.Skipped));

    public IEnumerable<NodeResult> Models => Results.Where(r => r.Kind == NodeKind.Model);

    public IEnumerable<NodeResult> Tests => Results.Where(r => r.Kind == NodeKind.Test);
}
