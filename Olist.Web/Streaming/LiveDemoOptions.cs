namespace Olist.Web.Streaming;

/// <summary>The demo publisher that makes the live pages move without an outside publisher; bound from <c>Olist:LiveDemo</c>.</summary>
public sealed class LiveDemoOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:LiveDemo";

    /// <summary>Off by default: a real installation's stream holds only real orders.</summary>
    public bool Enabled { get; set; }

    /// <summary>New orders per minute; their status changes come on top, when due.</summary>
    public double OrdersPerMinute { get; set; } = 60;
}
