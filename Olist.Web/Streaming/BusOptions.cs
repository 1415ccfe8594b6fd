namespace Olist.Web.Streaming;

/// <summary>Which bus carries the order topic; bound from <c>Olist:Bus</c>.</summary>
public sealed class BusOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Bus";

    /// <summary>The embedded SQLite bus, the one-machine default.</summary>
    public const string Embedded = "Embedded";

    /// <summary><c>Embedded</c>; <c>PubSub</c> comes with the Google Cloud clients.</summary>
    public string Provider { get; set; } = Embedded;
}
