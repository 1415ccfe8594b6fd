namespace Olist.Web.Observability;

/// <summary>Who may scrape <c>/metrics</c> (section <c>Olist:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Metrics";

    /// <summary>
    /// Off (the default): <c>/metrics</c> needs a viewer like every page, so a scraper on this machine reads it under the
    /// default loopback rule and one elsewhere sends <c>X-Operator-Key</c>. On: anyone who reaches the port may scrape,
    /// for a Prometheus that cannot send headers on a network you trust.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
