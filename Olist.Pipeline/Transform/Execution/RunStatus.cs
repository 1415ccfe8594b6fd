namespace Olist.Pipeline.Transform.Execution;

/// <summary>The outcome of one node, in the plain words of dbt and Airflow.</summary>
public enum RunStatus
{
    /// <summary>A model was built.</summary>
    Success,

    /// <summary>A model or test could not run (bad SQL, failed audit).</summary>
    Error,

    /// <summary>Not run because something upstream failed.</summary>
    Skipped,

    /// <summary>A test found no failing rows.</summary>
    Pass,

    /// <summary>A test of severity error found failing rows.</summary>
    Fail,

    /// <summary>A test of severity warn found failing rows.</summary>
    Warn,
}

/// <summary>The kinds of node a run reports on.</summary>
public enum NodeKind
{
    Model,
    Test,
}
