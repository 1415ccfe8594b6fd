namespace Olist.Web.Components.Charts;

/// <summary>Everything the chart script needs to draw or redraw one chart; equal configs need no trip to the browser.</summary>
internal sealed record ChartConfig(
    [property: JsonPropertyName("kind")] ChartKind Kind,
    [property: JsonPropertyName("series")] IReadOnlyList<PlotSeries> Series,
    [property: JsonPropertyName("options")] PlotOptions Options,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("dark")] bool Dark);
