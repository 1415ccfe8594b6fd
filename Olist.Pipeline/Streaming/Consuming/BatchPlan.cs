using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>An event to write: the message, the decoded event and its rows, the order's row after it, and whether its customer row is new.</summary>
internal sealed record AcceptedEvent(BusMessage Message, OrderEvent Event, EventRows Rows, OrderState Order, bool WritesCustomer);

/// <summary>A pulled message, decoded; <paramref name="Rows"/> are the event's values as stored, when it decoded.</summary>
internal sealed record PulledMessage(BusMessage Message, DecodedMessage Decoded, EventRows? Rows);

/// <summary>A message to store as a dead letter; <paramref name="ReplayOf"/> is the message id it was first published under.</summary>
internal sealed record DeadLetter(BusMessage Message, Rejection Rejection, string ReplayOf);

/// <summary>A message whose event was accepted before, under <paramref name="EventKey"/>.</summary>
internal sealed record Duplicate(BusMessage Message, string EventKey);

/// <summary>
/// The judgement of one micro-batch: what to write, what to acknowledge, what to retry; plus the state changes it
/// makes, applied to <see cref="StreamState"/> only after the batch committed.
/// </summary>
internal sealed class BatchPlan(long commit)
{
    /// <summary>The number its data rows carry (<c>commit_seq</c>): one higher than the previous batch's.</summary>
    public long Commit { get; } = commit;

    public List<AcceptedEvent> Accepted { get; } = [];

    public List<Duplicate> Duplicates { get; } = [];

    public List<DeadLetter> DeadLetters { get; } = [];

    /// <summary>Status changes of orders not seen yet, to deliver again after a backoff.</summary>
    public List<BusMessage> Retries { get; } = [];

    /// <summary>Redeliveries of messages whose outcome is already committed (a crash came between commit and acknowledgement).</summary>
    public List<BusMessage> AlreadyHandled { get; } = [];

    /// <summary>Order rows as this batch leaves them.</summary>
    public Dictionary<string, OrderState> Orders { get; } = new(StringComparer.Ordinal);

    public HashSet<string> NewCustomers { get; } = new(StringComparer.Ordinal);

    public HashSet<string> EventKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the batch has an outcome to commit.</summary>
    public bool HasOutcomes => Accepted.Count + Duplicates.Count + DeadLetters.Count > 0;

    /// <summary>Every message whose outcome is stored once the batch committed.</summary>
    public IEnumerable<BusMessage> Settled =>
        Accepted.Select(a => a.Message)
            .Concat(Duplicates.Select(d => d.Message))
            .Concat(DeadLetters.Select(d => d.Message))
            .Concat(AlreadyHandled);

    /// <summary>Makes the committed batch part of <paramref name="state"/>.</summary>
    public void ApplyTo(StreamState state)
    {
        foreach (var message in Accepted.Select(a => a.Message).Concat(Duplicates.Select(d => d.Message)).Concat(DeadLetters.Select(d => d.Message)))
        {
            state.HandledMessages.Add(StreamState.HandledKey(message));
        }

        state.LastCommit = Commit;
        state.AcceptedEventKeys.UnionWith(EventKeys);
        state.Customers.UnionWith(NewCustomers);
        foreach (var (orderId, order) in Orders)
        {
            state.Orders[orderId] = order;
        }

        state.Counters = state.Counters.Add(
            Accepted.Count,
            Duplicates.Count,
            DeadLetters.Select(d => d.Rejection.Reason),
            Accepted.Count(a => a.Event.HasPaymentMismatch));
    }
}
