namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>A DAG: its id and its tasks in the order they run, each downstream of the one before.</summary>
public sealed record DagDefinition(string DagId, IReadOnlyList<DagTask> Tasks)
{
    public IReadOnlyList<string> TaskIds => [.. Tasks.Select(t => t.TaskId)];
}

/// <summary>One task of a DAG: a name and the work it does for a run's day.</summary>
/// <param name="TaskId">The task's plain name, such as <c>build_staging</c>.</param>
/// <param name="Execute">The work; it reports what it did through the context's log and results.</param>
public sealed record DagTask(string TaskId, Func<TaskContext, CancellationToken, Task<TaskOutcome>> Execute);
