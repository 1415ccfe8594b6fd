namespace Olist.Web.Streaming;

/// <summary>How often the live monitor recomputes its metrics; bound from <c>Olist:Live</c>.</summary>
public sealed class LiveFeedOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Live";

    /// <summary>
    /// The shortest time between two metric recomputations. Orders are pushed per batch at once; the metrics query
    /// scans the day's stream tables, so under load several batches share one recomputation.
    /// </summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often metrics are recomputed while no batch arrives, so rates per minute and the lag move on.</summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromSeconds(10);
}
