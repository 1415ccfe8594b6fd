namespace Olist.Pipeline.Orchestration.Runs;

/// <summary>How tasks are retried and timed out (configuration section <c>Olist:Runs</c>).</summary>
public sealed class RunOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Runs";

    /// <summary>Retries after a transient failure of a task (0: none).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The first retry's wait; each next retry waits twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest one try of a task may take before it fails as timed out.</summary>
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
