namespace Olist.Web.Components.Charts;

/// <summary>
/// How a browser tells that a page's charts are drawn: nothing on the page is <c>aria-busy</c> (loading) and every chart frame carries
/// the <c>data-chart-ready</c> mark the chart script sets once ApexCharts has rendered. Browser tests and the page-time
/// benchmark wait on it.
/// </summary>
public static class ChartProbe
{
    /// <summary>A JavaScript function expression that is true once the page shows data and all its charts are drawn.</summary>
    public const string AllChartsDrawn =
        "() => !document.querySelector('[aria-busy=true]')"
        + " && document.querySelectorAll('[data-chart]').length > 0"
        + " && [...document.querySelectorAll('[data-chart]')].every(c => c.dataset.chartReady === 'true')";
}
