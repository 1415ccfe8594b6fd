using System.Diagnostics.Metrics;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Consuming;
using Olist.Pipeline.Telemetry;

namespace Olist.Pipeline.Streaming;

/// <summary>The live stream's instruments on the <see cref="OlistMetrics"/> meter: messages by outcome, batch lag, and the observed buses' backlog.</summary>
public static class StreamMetrics
{
    private static readonly Counter<long> StreamMessages = OlistMetrics.Meter.CreateCounter<long>(
        "olist.stream.messages", "{message}", "Messages the live stream's consumer settled, by outcome (accepted, duplicate, dead_lettered) and dead-letter reason.");

    private static readonly Histogram<double> StreamLag = OlistMetrics.Meter.CreateHistogram(
        "olist.stream.lag", "s", "Per committed batch: from the publication of its oldest message to the commit.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OlistMetrics.SecondsBuckets });

    private static readonly ConcurrentDictionary<IMessageBus, byte> ObservedBuses = new();

    private static readonly TimeSpan StatsPatience = TimeSpan.FromSeconds(2);

    static StreamMetrics()
    {
        // Pub/Sub does not count its backlog (null): no measurement rather than a made-up zero.
        OlistMetrics.Meter.CreateObservableGauge(
            "olist.stream.backlog", () => BusStats().Where(s => s.Backlog is not null).Select(s => new Measurement<long>(s.Backlog!.Value)), "{message}", "Messages on the bus not acknowledged yet.");
        OlistMetrics.Meter.CreateObservableCounter(
            "olist.stream.bus_errors", () => BusStats().Select(s => new Measurement<long>(s.Errors)), "{call}", "Calls to the bus that failed after their retries, since the app started.");
        OlistMetrics.Meter.CreateObservableGauge(
            "olist.stream.oldest_unacknowledged_age",
            () => BusStats().Where(s => s.OldestUnacknowledgedAge is not null).Select(s => new Measurement<double>(s.OldestUnacknowledgedAge!.Value.TotalSeconds)),
            "s",
            "Age of the oldest message not acknowledged yet: how far behind the consumer is.");
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
