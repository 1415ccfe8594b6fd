using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>A pulled message, decoded; <paramref name="Rows"/> are the event's values as stored, when it decoded.</summary>
internal sealed record PulledMessage(BusMessage Message, DecodedMessage Decoded, EventRows? Rows);

/// <summary>
/// The judgement of one micro-batch: what to write, what to acknowledge, what to retry; plus the state changes it
/// makes, applied to <see cref="StreamState"/> only after the batch committed.
/// </summary>
internal sealed class BatchPlan(long commit)
{
    /// <summary>The number its data rows carry (<c>commit_seq</c>): one higher than the previous batch's.</summary>
    public long Commit { get; } = commit;

    public List<Verdict.Accepted> Accepted { get; } = [];

    public List<Verdict.Duplicate> Duplicates { get; } = [];

    public List<Verdict.DeadLettered> DeadLetters { get; } = [];

    /// <summary>Status changes of orders not seen yet, to deliver again after a backoff.</summary>
    public List<BusMessage> Retries { get; } = [];

    /// <summary>Redeliveries of messages whose outcome is already committed (a crash came between commit and acknowledgement).</summary>
    public List<BusMessage> AlreadyHandled { get; } = [];

    /// <summary>Order rows as this batch leaves them.</summary>
    public Dictionary<string, OrderState> Orders { get; } = new(StringComparer.Ordinal);

    public HashSet<string> NewCustomers { get; } = new(StringComparer.Ordinal);

    public HashSet<string> EventKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Files <paramref name="verdict"/>; an accepted event becomes part of the state the batch's later messages are judged against.</summary>
    public void Add(Verdict verdict)
    {
        switch (verdict)
        {
            case Verdict.Accepted accepted:
                Accepted.Add(accepted);
                EventKeys.Add(accepted.Event.EventKey);
                Orders[accepted.Order.OrderId] = accepted.Order;
                if (accepted.WritesCustomer)
                {
                    NewCustomers.Add(accepted.Event.Customer!.CustomerId);
                }

                break;
            case Verdict.Duplicate duplicate:
                Duplicates.Add(duplicate);
                break;
            case Verdict.DeadLettered deadLettered:
                DeadLetters.Add(deadLettered);
                break;
            case Verdict.RetryLater retry:
                Retries.Add(retry.Message);
                break;
            case Verdict.AlreadyHandled handled:
                AlreadyHandled.Add(handled.Message);
                break;
            default:
                throw new UnreachableException($"a verdict of an unknown kind: {verdict.GetType().Name}");
        }
    }

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
