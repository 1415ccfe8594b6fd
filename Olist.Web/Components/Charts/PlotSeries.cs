namespace Olist.Web.Components.Charts;

/// <summary>One point: a category label (or a number on a scatter's x axis) and its value; null draws a gap.</summary>
/// <param name="X">The category, period or x value.</param>
/// <param name="Y">The value.</param>
/// <param name="Highlight">Drawn in the highlight colour (an outlier, the selected state).</param>
public sealed record PlotPoint(
    [property: JsonPropertyName("x")] object X,
    [property: JsonPropertyName("y")] double? Y,
    [property: JsonPropertyName("highlight")] bool Highlight = false);

/// <summary>A named series of points.</summary>
/// <param name="Name">Shown in the legend and tooltip.</param>
/// <param name="Points">The points in axis order.</param>
/// <param name="Kind">For a combined chart, how this series is drawn (bars and a line); null follows the chart.</param>
/// <param name="Axis">The index of the y axis (in <see cref="PlotOptions.Axes"/>) this series is measured on.</param>
public sealed record PlotSeries(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("points")] IReadOnlyList<PlotPoint> Points,
    [property: JsonPropertyName("kind")] ChartKind? Kind = null,
    [property: JsonPropertyName("axis")] int Axis = 0);

/// <summary>A y axis: its title, number format and side.</summary>
public sealed record PlotAxis(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("format")] ValueFormat Format,
    [property: JsonPropertyName("opposite")] bool Opposite = false);

/// <summary>What a chart draws besides its data: axes, the x axis title and whether the x axis is a time line.</summary>
/// <param name="Axes">The y axes; the first is the default.</param>
/// <param name="XTitle">The x axis title, if any.</param>
/// <param name="XFormat">For a scatter, how x values read.</param>
/// <param name="Selectable">Clicking a point raises <c>OnPointSelected</c> (drill-down); the cursor says so.</param>
/// <param name="Horizontal">Bars run left to right, for long category names such as products and sellers.</param>
/// <param name="Sparkline">A tiny chart without axes, grid, legend or toolbar, for a headline tile.</param>
public sealed record PlotOptions(
    [property: JsonPropertyName("axes")] IReadOnlyList<PlotAxis> Axes,
    [property: JsonPropertyName("xTitle")] string? XTitle = null,
    [property: JsonPropertyName("xFormat")] ValueFormat XFormat = ValueFormat.Ratio,
    [property: JsonPropertyName("selectable")] bool Selectable = false,
    [property: JsonPropertyName("horizontal")] bool Horizontal = false,
    [property: JsonPropertyName("sparkline")] bool Sparkline = false)
{
    /// <summary>One unnamed axis in the given format.</summary>
    public static PlotOptions OneAxis(ValueFormat format, string title = "") => new([new PlotAxis(title, format)]);
}

/// <summary>A clicked point: which series and which point in it.</summary>
public sealed record PlotSelection(int SeriesIndex, int PointIndex);
