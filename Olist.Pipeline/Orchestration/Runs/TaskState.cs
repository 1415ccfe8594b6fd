namespace Olist.Pipeline.Orchestration.Runs;

/// <summary>Where one task of a run stands, in Airflow's words.</summary>
public enum TaskState
{
    Queued,
    Running,
    Success,
    Failed,

    /// <summary>Not run on purpose: after a short-circuit, or a shared task a backfill runs once for its whole range.</summary>
    Skipped,

    /// <summary>Not run because a task before it failed.</summary>
    UpstreamFailed,

    /// <summary>A try failed with a transient error; the next try waits for its backoff.</summary>
    UpForRetry,
}

/// <summary>Where a run stands: it succeeds only when every task that ran succeeded.</summary>
public enum RunState
{
    Queued,
    Running,
    Success,
    Failed,

    /// <summary>The short-circuit found nothing to do for the day; not a failure.</summary>
    Skipped,
}

/// <summary>What started a run.</summary>
public enum RunType
{
    Scheduled,
    Manual,
    Backfill,
}
