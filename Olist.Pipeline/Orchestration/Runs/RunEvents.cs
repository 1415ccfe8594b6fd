namespace Olist.Pipeline.Orchestration.Runs;

/// <summary>A change of a run, one of its tasks, or a backfill: watchers reread what they show from the ops store.</summary>
/// <param name="RunId">The run that changed, when a run did.</param>
/// <param name="TaskId">The task that changed, when a task did.</param>
/// <param name="State">The new state's plain name.</param>
/// <param name="BackfillId">The backfill the change belongs to, when any.</param>
public sealed record RunChange(long? RunId, string? TaskId, string State, long? BackfillId);

/// <summary>The orchestrator's announcements of every state change, heard by live pages and the run progress hub.</summary>
public sealed class RunEvents
{
    /// <summary>Raised on the orchestrator's thread after the change is stored; handlers must be quick and not throw.</summary>
    public event Action<RunChange>? Changed;

    public void Publish(RunChange change) => Changed?.Invoke(change);
}
