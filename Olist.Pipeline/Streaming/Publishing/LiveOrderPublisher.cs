namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>How much to publish and how fast.</summary>
/// <param name="RatePerSecond">Messages per second; 0 publishes as fast as the sink takes them.</param>
/// <param name="Count">Messages in all; 0 publishes until cancelled.</param>
/// <param name="MaxBatch">Most messages sent in one call of the sink.</param>
public sealed record LivePublishPlan(double RatePerSecond, long Count, int MaxBatch = 500);

/// <summary>What a publishing run sent, by kind; the <c>stream</c> verb prints it as JSON.</summary>
public sealed record LivePublishSummary(
    long Sent,
    long OrdersCreated,
    long StatusChanges,
    long Duplicates,
    long Invalid,
    IReadOnlyDictionary<string, long> InvalidByReason,
    long Batches,
    double ElapsedSeconds,
    double MessagesPerSecond);

/// <summary>Sends the generator's messages to a sink at a steady rate, in batches, and counts what it sent.</summary>
public sealed class LiveOrderPublisher(LiveOrderGenerator generator, IEventSink sink, TimeProvider timeProvider)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>Publishes per <paramref name="plan"/>; cancelling stops it and still returns what was sent.</summary>
    public async Task<LivePublishSummary> RunAsync(LivePublishPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var invalid = new Dictionary<string, long>(StringComparer.Ordinal);
        long sent = 0, batches = 0;
        var started = timeProvider.GetTimestamp();
        try
        {
            while (plan.Count == 0 || sent < plan.Count)
            {
                var due = plan.RatePerSecond <= 0
                    ? plan.MaxBatch
                    : (long)(plan.RatePerSecond * timeProvider.GetElapsedTime(started).TotalSeconds) + 1 - sent;
                var size = (int)Math.Min(Math.Min(due, plan.MaxBatch), plan.Count == 0 ? long.MaxValue : plan.Count - sent);
                if (size <= 0)
                {
                    await Task.Delay(Tick, timeProvider, cancellationToken);
                    continue;
                }

                var messages = Enumerable.Range(0, size).Select(_ => generator.Next()).ToList();
                await sink.SendAsync(messages.Select(m => m.Body).ToList(), cancellationToken);
                sent += size;
                batches++;
                foreach (var message in messages)
                {
                    counts[message.Kind] = counts.GetValueOrDefault(message.Kind) + 1;
                    if (message.ExpectedReason is { } reason)
                    {
                        invalid[reason] = invalid.GetValueOrDefault(reason) + 1;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: report what went out.
        }

        var elapsed = timeProvider.GetElapsedTime(started).TotalSeconds;
        return new LivePublishSummary(
            sent,
            counts.GetValueOrDefault(GeneratedMessage.Created),
            counts.GetValueOrDefault(GeneratedMessage.StatusChanged),
            counts.GetValueOrDefault(GeneratedMessage.Duplicate),
            counts.GetValueOrDefault(GeneratedMessage.Invalid),
            invalid,
            batches,
            elapsed,
            elapsed > 0 ? sent / elapsed : 0);
    }
}
