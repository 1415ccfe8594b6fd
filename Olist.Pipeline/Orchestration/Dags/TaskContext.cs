using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>What a task gets for one try: the run's day and options, and where to record its results (and their log lines).</summary>
public sealed class TaskContext(
    DateOnly logicalDate,
    bool fullRefresh,
    int tryNumber,
    Func<IReadOnlyList<NodeResult>, IReadOnlyList<(string Level, string Message)>, Task> results)
{
    /// <summary>The run's day (<c>ds</c>).</summary>
    public DateOnly LogicalDate { get; } = logicalDate;

    /// <summary>Rebuild incremental models from scratch.</summary>
    public bool FullRefresh { get; } = fullRefresh;

    /// <summary>1 for the first try, counting on across retries.</summary>
    public int TryNumber { get; } = tryNumber;

    /// <summary>Keeps the models' and tests' results of an engine call, with one log line for each.</summary>
    public Task RecordAsync(IReadOnlyList<NodeResult> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return results(nodes, [.. nodes.Select(LogLine)]);
    }

    private static (string Level, string Message) LogLine(NodeResult node)
    {
        var what = node.RowsAffected is { } rows ? $", {rows:N0} rows" : node.Failures is > 0 ? $", {node.Failures:N0} failing rows" : string.Empty;
        var line = $"{node.Kind.ToString().ToLowerInvariant()} {node.Name}: {node.Status.ToString().ToLowerInvariant()} in {node.Elapsed.TotalSeconds:F2} s{what}"
            + (node.Message is null ? string.Empty : $" ({node.Message})");
        return (node.Status is RunStatus.Error or RunStatus.Fail ? "error" : node.Status == RunStatus.Warn ? "warning" : "info", line);
    }
}
