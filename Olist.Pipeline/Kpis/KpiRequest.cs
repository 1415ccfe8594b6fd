namespace Olist.Pipeline.Kpis;

/// <summary>A validated KPI request: the KPI, its options (defaults filled in) and the purchase-date range.</summary>
public sealed record KpiRequest(KpiDefinition Kpi, TimeGrain Grain, LocationLevel Level, int Top, DateRange Range)
{
    /// <summary>The lower-case label a grain has in the KPI tables and in metrics.md.</summary>
    public static string Label(TimeGrain grain) => grain.ToString().ToLowerInvariant();

    /// <summary>The lower-case label a level has in the KPI tables and in metrics.md.</summary>
    public static string Label(LocationLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>The values of the KPI's filters (<see cref="KpiDefinition.Filters"/>) by parameter name.</summary>
    public IReadOnlyList<KpiParameter> Parameters =>
    [
        .. Kpi.Filters.Select(f => new KpiParameter(f.Parameter, f.Parameter switch
        {
            "grain" => (object)Label(Grain),
            "level" => Label(Level),
            _ => Top,
        })),
    ];
}

/// <summary>The rows of a KPI request, with the column names (the metrics.md JSON keys) in order.</summary>
public sealed record KpiResult(string Name, IReadOnlyList<string> Columns, IReadOnlyList<KpiRow> Rows);
