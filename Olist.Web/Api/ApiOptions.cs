namespace Olist.Web.Api;

/// <summary>Bounds of the HTTP API (section <c>Olist:Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Api";

    /// <summary>Most rows one KPI answer may have; a larger answer is refused with a 400 that says how to narrow it.</summary>
    public int MaxKpiRows { get; set; } = 10_000;
}
