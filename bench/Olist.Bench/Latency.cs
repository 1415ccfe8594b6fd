namespace Olist.Bench;

/// <summary>Percentiles of latencies in milliseconds, the way every benchmark here reports them.</summary>
internal static class Latency
{
    /// <summary>p50, p95 and p99 of <paramref name="times"/> on one line, with the count.</summary>
    public static string Summary(IReadOnlyCollection<double> times) =>
        $"p50 {Percentile(times, 0.50),7:F1} ms  p95 {Percentile(times, 0.95),7:F1} ms  p99 {Percentile(times, 0.99),7:F1} ms  (n={times.Count})";

    /// <summary>The nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> times, double fraction)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
