namespace Olist.Pipeline.Progress;

/// <summary>A progress report from long work: which step, how far, out of how much.</summary>
/// <param name="Step">What is being worked on, such as a file or table name.</param>
/// <param name="Done">Units finished in this step (rows, bytes).</param>
/// <param name="Total">Units the step will take, when known.</param>
/// <param name="Detail">A short human-readable remark, such as "quarantined 3 rows".</param>
public sealed record WorkProgress(string Step, long Done, long? Total, string? Detail = null)
{
    /// <summary>Fraction done between 0 and 1, or null when the total is unknown.</summary>
    public double? Fraction => Total is > 0 ? Math.Clamp((double)Done / Total.Value, 0, 1) : null;
}
