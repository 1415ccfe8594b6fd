namespace Olist.Pipeline.Kpis;

/// <summary>An inclusive purchase-date range; either end may be open.</summary>
public sealed record DateRange(DateOnly? From, DateOnly? To)
{
    /// <summary>No bounds: every order.</summary>
    public static DateRange All { get; } = new(null, null);
}

/// <summary>The period a KPI groups by; each KPI allows a subset (metrics.md section 4).</summary>
public enum TimeGrain
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>The location level of order-value and purchase-frequency.</summary>
public enum LocationLevel
{
    State,
    City,
}
