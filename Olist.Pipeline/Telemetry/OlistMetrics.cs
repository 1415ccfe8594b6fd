using System.Diagnostics.Metrics;

namespace Olist.Pipeline.Telemetry;

/// <summary>
/// The app's own meter <c>Olist</c>, on which each concern records its instruments (<c>TransformMetrics</c>: builds and
/// models; <c>StreamMetrics</c>: the live stream). Recording costs a few additions per build, model or committed batch,
/// never per message; with no listener (the CLI, the benchmarks) every call is a flag check.
/// </summary>
public static class OlistMetrics
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Olist";

    /// <summary>The meter every instrument of the app is created on.</summary>
    internal static Meter Meter { get; } = new(MeterName);

    /// <summary>Histogram buckets in seconds: models and builds take milliseconds to minutes; the stream's lag milliseconds to a backlog's minutes.</summary>
    internal static IReadOnlyList<double> SecondsBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
}
