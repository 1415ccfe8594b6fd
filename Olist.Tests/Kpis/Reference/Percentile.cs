namespace Olist.Tests.Kpis.Reference;

/// <summary>Continuous percentiles, as SQL <c>PERCENTILE_CONT</c>: linear interpolation between the closest ranks.</summary>
public static class Percentile
{
    /// <summary>The <paramref name="fraction"/> percentile of <paramref name="values"/> (not empty).</summary>
    public static double Continuous(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
