namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>How often a task runs when a backfill covers a range of days.</summary>
public enum TaskCadence
{
    /// <summary>Once per day (<c>ds</c>): every run of the range runs it for its day.</summary>
    Daily,

    /// <summary>
    /// Once per range: a backfill runs it in one of its runs only (see <see cref="DagDefinition.FirstWorkDayTasks"/> and
    /// <see cref="DagDefinition.LastWorkDayTasks"/>); a run of a single day runs it as any other task.
    /// </summary>
    OncePerRange,
}

/// <summary>
/// The range form of a short-circuit task: the days of [from, to] it would let through, asked once by a backfill so that
/// it knows its first and last day with work before running any day.
/// </summary>
/// <param name="Label">What such a day has, for messages: <c>with orders</c>.</param>
/// <param name="FindAsync">The days of the range with work, in any order.</param>
public sealed record WorkDays(string Label, Func<DateOnly, DateOnly, CancellationToken, Task<IReadOnlyCollection<DateOnly>>> FindAsync);

/// <summary>One task of a DAG: a name, the work it does for a run's day, the tasks it runs after, and how often it runs.</summary>
/// <param name="TaskId">The task's plain name, such as <c>build_staging</c>.</param>
/// <param name="Execute">The work; it reports what it did through the context's log and results.</param>
public sealed record DagTask(string TaskId, Func<TaskContext, CancellationToken, Task<TaskOutcome>> Execute)
{
    /// <summary>The tasks that must succeed before this one runs (Airflow's <c>upstream &gt;&gt; task</c>).</summary>
    public IReadOnlyList<string> Upstream { get; init; } = [];

    public TaskCadence Cadence { get; init; } = TaskCadence.Daily;

    /// <summary>
    /// For a task that short-circuits days without work: which days of a range those are not. A short-circuit task
    /// upstream of a once-per-range task needs it, or a backfill could place that task on a day it then skips.
    /// </summary>
    public WorkDays? WorkDays { get; init; }
}
