namespace Olist.Pipeline.Kpis;

/// <summary>A validated KPI request: the KPI, its options (defaults filled in) and the purchase-date range.</summary>
public sealed record KpiRequest(KpiDefinition Kpi, TimeGrain Grain, LocationLevel Level, int Top, DateRange Range);

/// <summary>The rows of a KPI request, with the column names (the metrics.md JSON keys) in order.</summary>
public sealed record KpiResult(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object> Rows);
