using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Consuming;
using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Telemetry;

/// <summary>
/// The app's own instruments on the meter <c>Olist</c>: builds, models (duration, rows), the live stream (messages by
/// outcome, batch lag, backlog). Recording costs a few additions per build, model or committed batch, never per message;
/// with no listener (the CLI, the benchmarks) every call is a flag check.
/// </summary>
public static class OlistMetrics
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Olist";

    // Seconds: models and builds take milliseconds to minutes; the stream's lag milliseconds to a backlog's minutes.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Builds = Meter.CreateCounter<long>("olist.builds", "{build}", "Transform commands run (build, test), by command and outcome.");

    private static readonly Histogram<double> BuildDuration = Meter.CreateHistogram(
        "olist.build.duration", "s", "Time of a transform command, by command and outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<double> ModelDuration = Meter.CreateHistogram(
        "olist.model.duration", "s", "Time to build one model, by model and status.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<long> ModelRows = Meter.CreateCounter<long>("olist.model.rows", "{row}", "Rows written by model builds, by model.");

    private static readonly Counter<long> StreamMessages = Meter.CreateCounter<long>(
        "olist.stream.messages", "{message}", "Messages the live stream's consumer settled, by outcome (accepted, duplicate, dead_lettered) and dead-letter reason.");

    private static readonly Histogram<double> StreamLag = Meter.CreateHistogram(
        "olist.stream.lag", "s", "Per committed batch: from the publication of its oldest message to the commit.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly ConcurrentDictionary<IMessageBus, byte> ObservedBuses = new();

    private static readonly TimeSpan StatsPatience = TimeSpan.FromSeconds(2);

    static OlistMetrics()
    {
        // Pub/Sub does not count its backlog (null): no measurement rather than a made-up zero.
        Meter.CreateObservableGauge(
            "olist.stream.backlog", () => BusStats().Where(s => s.Backlog is not null).Select(s => new Measurement<long>(s.Backlog!.Value)), "{message}", "Messages on the bus not acknowledged yet.");
        Meter.CreateObservableCounter(
            "olist.stream.bus_errors", () => BusStats().Select(s => new Measurement<long>(s.Errors)), "{call}", "Calls to the bus that failed after their retries, since the app started.");
        Meter.CreateObservableGauge(
            "olist.stream.oldest_unacknowledged_age",
            () => BusStats().Where(s => s.OldestUnacknowledgedAge is not null).Select(s => new Measurement<double>(s.OldestUnacknowledgedAge!.Value.TotalSeconds)),
            "s",
            "Age of the oldest message not acknowledged yet: how far behind the consumer is.");
    }

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

    /// <summary>Records a committed batch: its messages by outcome, and the lag of its oldest message.</summary>
    internal static void RecordBatch(BatchPlan plan, DateTimeOffset committedAt)
    {
        if (StreamMessages.Enabled)
        {
            Add("accepted", plan.Accepted.Count);
            Add("duplicate", plan.Duplicates.Count);
            foreach (var reason in plan.DeadLetters.GroupBy(d => d.Rejection.Reason))
            {
                StreamMessages.Add(reason.Count(), new TagList { { "outcome", "dead_lettered" }, { "reason", reason.Key } });
            }
        }

        if (StreamLag.Enabled && plan.HasOutcomes)
        {
            StreamLag.Record(Math.Max(0, (committedAt - plan.Settled.Min(m => m.PublishedAt)).TotalSeconds));
        }
    }

    /// <summary>Reports <paramref name="bus"/>'s backlog on the gauges until the returned handle is disposed.</summary>
    public static IDisposable ObserveBus(IMessageBus bus)
    {
        ObservedBuses.TryAdd(bus, 0);
        return new Observation(bus);
    }

    private static void Add(string outcome, int count)
    {
        if (count > 0)
        {
            StreamMessages.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>The observed buses' stats, read when a collector asks; a bus that does not answer in time is left out.</summary>
    private static List<BusStats> BusStats()
    {
        var stats = new List<BusStats>();
        foreach (var bus in ObservedBuses.Keys)
        {
            try
            {
                // Gauge callbacks are synchronous; the read is one indexed query on a local file.
                var read = bus.GetStatsAsync(CancellationToken.None);
                if (read.Wait(StatsPatience))
                {
                    stats.Add(read.Result);
                }
            }
#pragma warning disable CA1031 // A bus that fails to answer a collector is simply not measured this time.
            catch (Exception)
#pragma warning restore CA1031
            {
                continue;
            }
        }

        return stats;
    }

    private sealed class Observation(IMessageBus bus) : IDisposable
    {
        public void Dispose() => ObservedBuses.TryRemove(bus, out _);
    }
}
