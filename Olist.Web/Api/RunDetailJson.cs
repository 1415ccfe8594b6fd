namespace Olist.Web.Api;

/// <summary>The body of <c>GET /api/runs/{id}</c>: the run, its tasks, tries, logs, model results and test results with failing rows.</summary>
public sealed record RunDetailJson(
    RunJson Run,
    bool FullRefresh,
    long? BackfillId,
    string? Note,
    IReadOnlyList<RunDetailJson.TaskJson> Tasks,
    IReadOnlyList<TaskTryRecord> Tries,
    IReadOnlyList<TaskLogRecord> Logs,
    IReadOnlyList<ModelResultRecord> Models,
    IReadOnlyList<RunDetailJson.TestJson> Tests)
{
    public static RunDetailJson From(RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new(
            RunJson.From(detail.Run),
            detail.Run.FullRefresh,
            detail.Run.BackfillId,
            detail.Run.Note,
            [.. detail.Tasks.Select(t => new TaskJson(t.TaskId, StateNames.Name(t.State), t.TryNumber, t.StartedAt, t.EndedAt,
                t.StartedAt is { } start && t.EndedAt is { } end ? Math.Round((end - start).TotalSeconds, 3) : null, t.Message))],
            detail.Tries,
            detail.Logs,
            detail.Models,
            [.. detail.Tests.Select(t => new TestJson(t.TaskId, t.TryNumber, t.Test, t.Status, t.Failures, Math.Round(t.ElapsedMs, 1), t.Message, t.FailingRows()))]);
    }

    /// <summary>One task instance: state, tries, times and the latest message.</summary>
    public sealed record TaskJson(string TaskId, string State, int TryNumber, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, double? DurationSeconds, string? Message);

    /// <summary>One test result with its failing-row sample as objects.</summary>
    public sealed record TestJson(
        string TaskId, int TryNumber, string Test, string Status, long? Failures, double ElapsedMs, string? Message, IReadOnlyList<IReadOnlyDictionary<string, string>> FailingRows);
}
