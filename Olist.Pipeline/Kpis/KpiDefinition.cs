namespace Olist.Pipeline.Kpis;

/// <summary>One KPI of metrics.md section 4: its name, what it means, which options it takes and how it is fetched.</summary>
/// <param name="Name">The metrics.md name, as used by the <c>kpi</c> verb and <c>/api/kpis/{name}</c>.</param>
/// <param name="Title">A short title for pages and listings.</param>
/// <param name="Definition">The metric's definition in one or two sentences (metrics.md, for a glossary or tooltip).</param>
/// <param name="RowType">The row record, whose JSON property names are the metrics.md columns.</param>
/// <param name="Grains">Grains the KPI takes, empty when it takes none.</param>
/// <param name="DefaultGrain">The grain used when none is given.</param>
/// <param name="HasLevel">Whether it takes a location level (state or city, default state).</param>
/// <param name="HasTop">Whether it takes <c>top</c> (default 10).</param>
/// <param name="FetchAsync">Reads its rows through the typed service.</param>
public sealed record KpiDefinition(
    string Name,
    string Title,
    string Definition,
    Type RowType,
    IReadOnlyList<TimeGrain> Grains,
    TimeGrain? DefaultGrain,
    bool HasLevel,
    bool HasTop,
    Func<IKpiService, KpiRequest, CancellationToken, Task<IReadOnlyList<object>>> FetchAsync)
{
    /// <summary>The options the KPI takes, by their names on the command line and in the query string.</summary>
    public IReadOnlyList<string> Options =>
    [
        .. Grains.Count > 0 ? ["grain"] : Array.Empty<string>(),
        .. HasLevel ? ["level"] : Array.Empty<string>(),
        .. HasTop ? ["top"] : Array.Empty<string>(),
        "from",
        "to",
    ];
}
