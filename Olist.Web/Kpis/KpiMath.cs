namespace Olist.Web.Kpis;

/// <summary>The few figures the dashboards derive from KPI rows for display: moving averages and period-over-period change.</summary>
public static class KpiMath
{
    /// <summary>
    /// The trailing mean over <paramref name="window"/> values ending at each position; null until a full window exists,
    /// so the line never starts with a misleading partial average.
    /// </summary>
    public static IReadOnlyList<double?> TrailingMean(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var means = new double?[values.Count];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            means[i] = i >= window - 1 ? sum / window : null;
        }

        return means;
    }

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/> in percent; null when there is no base.</summary>
    public static double? PercentChange(double? current, double? previous) =>
        current is { } c && previous is { } p && p != 0 ? 100 * (c - p) / Math.Abs(p) : null;
}
