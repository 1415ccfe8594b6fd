namespace Olist.Web.Components.Charts;

/// <summary>The chart types the dashboards draw with ApexCharts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartKind>))]
public enum ChartKind
{
    Line,
    Area,
    Bar,
    StackedBar,
    Heatmap,
    Scatter,
    Treemap,
    Donut,
}

/// <summary>How a chart writes the numbers of an axis, a tooltip or a data label.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValueFormat>))]
public enum ValueFormat
{
    Count,
    Money,
    Percent,
    Days,
    Ratio,
}
