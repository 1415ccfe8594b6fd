using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>What a task gets for one try: the run's day and options, and where to write its log and results.</summary>
public sealed class TaskContext(DateOnly logicalDate, bool fullRefresh, int tryNumber, Func<string, string, Task> log, Func<IReadOnlyList<NodeResult>, Task> results)
{
    /// <summary>The run's day (<c>ds</c>).</summary>
    public DateOnly LogicalDate { get; } = logicalDate;

    /// <summary>Rebuild incremental models from scratch.</summary>
    public bool FullRefresh { get; } = fullRefresh;

    /// <summary>1 for the first try, counting on across retries.</summary>
    public int TryNumber { get; } = tryNumber;

    /// <summary>Writes a line to this try's log.</summary>
    public Task LogAsync(string message) => log("info", message);

    /// <summary>Writes a warning to this try's log.</summary>
    public Task WarnAsync(string message) => log("warning", message);

    /// <summary>Keeps the models' and tests' results of an engine call, and logs one line for each.</summary>
    public async Task RecordAsync(IReadOnlyList<NodeResult> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        await results(nodes);
        foreach (var node in nodes)
        {
            var what = node.RowsAffected is { } rows ? $", {rows:N0} rows" : node.Failures is > 0 ? $", {node.Failures:N0} failing rows" : string.Empty;
            var line = $"{node.Kind.ToString().ToLowerInvariant()} {node.Name}: {node.Status.ToString().ToLowerInvariant()} in {node.Elapsed.TotalSeconds:F2} s{what}"
                + (node.Message is null ? string.Empty : $" ({node.Message})");
            await log(node.Status is RunStatus.Error or RunStatus.Fail ? "error" : node.Status == RunStatus.Warn ? "warning" : "info", line);
        }
    }
}
