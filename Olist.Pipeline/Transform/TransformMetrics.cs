using System.Diagnostics.Metrics;
using Olist.Pipeline.Telemetry;
using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Transform;

/// <summary>The transform engine's instruments on the <see cref="OlistMetrics"/> meter: commands (build, test) and models (duration, rows).</summary>
internal static class TransformMetrics
{
    private static readonly Counter<long> Builds = OlistMetrics.Meter.CreateCounter<long>("olist.builds", "{build}", "Transform commands run (build, test), by command and outcome.");

    private static readonly Histogram<double> BuildDuration = OlistMetrics.Meter.CreateHistogram(
        "olist.build.duration", "s", "Time of a transform command, by command and outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OlistMetrics.SecondsBuckets });

    private static readonly Histogram<double> ModelDuration = OlistMetrics.Meter.CreateHistogram(
        "olist.model.duration", "s", "Time to build one model, by model and status.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OlistMetrics.SecondsBuckets });

    private static readonly Counter<long> ModelRows = OlistMetrics.Meter.CreateCounter<long>("olist.model.rows", "{row}", "Rows written by model builds, by model.");

    /// <summary>Counts a finished transform command and its time.</summary>
    public static void RecordCommand(string command, bool succeeded, TimeSpan elapsed)
    {
        if (!Builds.Enabled && !BuildDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "command", command }, { "outcome", succeeded ? "success" : "failure" } };
        Builds.Add(1, tags);
        BuildDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records one model's build: its time and the rows it wrote.</summary>
    public static void RecordModel(string model, RunStatus status, TimeSpan elapsed, long? rows)
    {
        ModelDuration.Record(elapsed.TotalSeconds, new TagList { { "model", model }, { "status", status.ToString().ToLowerInvariant() } });
        if (rows is > 0)
        {
            ModelRows.Add(rows.Value, new KeyValuePair<string, object?>("model", model));
        }
    }
}
