namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>What the consumer made of the distinct bus messages since the data directory was created.</summary>
/// <param name="Accepted">Messages written to the stream tables.</param>
/// <param name="Duplicates">Messages whose event was already accepted under another message.</param>
/// <param name="DeadLettered">Messages stored as dead letters.</param>
/// <param name="DeadLetteredByReason">The dead letters per reason.</param>
/// <param name="PaymentMismatches">Accepted orders whose payments differ from items plus freight by more than a cent.</param>
public sealed record StreamCounters(
    long Accepted,
    long Duplicates,
    long DeadLettered,
    IReadOnlyDictionary<string, long> DeadLetteredByReason,
    long PaymentMismatches)
{
    /// <summary>No message handled yet.</summary>
    public static StreamCounters Empty { get; } = new(0, 0, 0, new Dictionary<string, long>(), 0);

    /// <summary>Every distinct message handled, whatever became of it.</summary>
    public long Handled => Accepted + Duplicates + DeadLettered;

    /// <summary>These counters plus a batch's outcome.</summary>
    public StreamCounters Add(long accepted, long duplicates, IEnumerable<string> deadLetterReasons, long paymentMismatches)
    {
        ArgumentNullException.ThrowIfNull(deadLetterReasons);
        var byReason = new Dictionary<string, long>(DeadLetteredByReason, StringComparer.Ordinal);
        var deadLettered = 0L;
        foreach (var reason in deadLetterReasons)
        {
            byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
            deadLettered++;
        }

        return new StreamCounters(Accepted + accepted, Duplicates + duplicates, DeadLettered + deadLettered, byReason, PaymentMismatches + paymentMismatches);
    }
}
