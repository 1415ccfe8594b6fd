using Olist.Pipeline.Orchestration.Runs;

namespace Olist.Pipeline.Orchestration.Store;

/// <summary>One run of a DAG for one logical date, as the ops store keeps it.</summary>
public sealed record DagRunRecord(
    long RunId,
    string DagId,
    DateOnly LogicalDate,
    RunType RunType,
    RunState State,
    bool FullRefresh,
    long? BackfillId,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Note)
{
    /// <summary>How long it ran, once it started; until <paramref name="now"/> while it runs.</summary>
    public TimeSpan? Duration(DateTimeOffset now) => StartedAt is { } started ? (EndedAt ?? now) - started : null;
}

/// <summary>One task of a run: its state, how many tries it took and the latest try's message.</summary>
public sealed record TaskInstanceRecord(
    long RunId,
    string TaskId,
    int Position,
    TaskState State,
    int TryNumber,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Message)
{
    public TimeSpan? Duration(DateTimeOffset now) => StartedAt is { } started ? (EndedAt ?? now) - started : null;
}

/// <summary>One try of a task; a transient failure ends a try as <see cref="TaskState.UpForRetry"/> and a new one follows.</summary>
public sealed record TaskTryRecord(
    long RunId, string TaskId, int TryNumber, TaskState State, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Error);

/// <summary>One line of a task's log, kept per try.</summary>
public sealed record TaskLogRecord(long RunId, string TaskId, int TryNumber, DateTimeOffset LoggedAt, string Level, string Message);

/// <summary>What a try of a task did to one model: status, rows written and time taken.</summary>
public sealed record ModelResultRecord(string TaskId, int TryNumber, string Model, string Status, long? Rows, double ElapsedMs, string? Message);

/// <summary>One test a try ran: status, failing rows found, and a sample of them (JSON array of objects).</summary>
public sealed record TestResultRecord(
    string TaskId, int TryNumber, string Test, string Status, long? Failures, double ElapsedMs, string? Message, string FailingRowsJson)
{
    /// <summary>The failing-row sample as column name to printed value.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> FailingRows()
    {
        using var document = JsonDocument.Parse(FailingRowsJson);
        return [.. document.RootElement.EnumerateArray().Select(row => (IReadOnlyDictionary<string, string>)row.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? "NULL" : p.Value.ToString(), StringComparer.Ordinal))];
    }
}

/// <summary>Everything recorded about one run, for its detail page and API.</summary>
public sealed record RunDetail(
    DagRunRecord Run,
    IReadOnlyList<TaskInstanceRecord> Tasks,
    IReadOnlyList<TaskTryRecord> Tries,
    IReadOnlyList<TaskLogRecord> Logs,
    IReadOnlyList<ModelResultRecord> Models,
    IReadOnlyList<TestResultRecord> Tests);

/// <summary>A backfill of a date range: its days run in order, one run each; <see cref="DaysDone"/> counts days finished.</summary>
public sealed record BackfillRecord(
    long BackfillId,
    string DagId,
    DateOnly From,
    DateOnly To,
    bool Rerun,
    RunState State,
    int DaysTotal,
    int DaysDone,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Message);

/// <summary>Which runs to list: any state, type or logical date when null; newest first, at most <see cref="Limit"/>.</summary>
public sealed record RunFilter(RunState? State = null, RunType? Type = null, DateOnly? From = null, DateOnly? To = null, int Limit = 50);

/// <summary>The scheduler's persisted state: paused or not, and the latest cron fire it has already turned into runs.</summary>
public sealed record SchedulerStateRecord(bool Paused, DateTimeOffset? LastFireAt, DateTimeOffset CreatedAt);
