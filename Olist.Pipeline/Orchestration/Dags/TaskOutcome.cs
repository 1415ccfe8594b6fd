namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>How a try of a task ended, when it did not throw.</summary>
public enum TaskOutcomeKind
{
    Success,

    /// <summary>Succeeded and found nothing to do: every task after it is skipped and the run is skipped.</summary>
    ShortCircuit,

    /// <summary>Failed for good; retrying would not help.</summary>
    Failed,

    /// <summary>Failed for a reason that may pass (a locked file, a write conflict): retried with backoff.</summary>
    Transient,
}

/// <summary>The outcome of a try and a one-line message that says why.</summary>
public sealed record TaskOutcome(TaskOutcomeKind Kind, string Message)
{
    public static TaskOutcome Success(string message) => new(TaskOutcomeKind.Success, message);

    public static TaskOutcome ShortCircuit(string message) => new(TaskOutcomeKind.ShortCircuit, message);

    public static TaskOutcome Failed(string message) => new(TaskOutcomeKind.Failed, message);

    public static TaskOutcome Transient(string message) => new(TaskOutcomeKind.Transient, message);
}
