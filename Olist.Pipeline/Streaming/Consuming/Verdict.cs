using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// What the consumer decides about one pulled message. Closed: its constructor is private, so the records nested here
/// are every kind there is, and a switch over a verdict names each of them.
/// </summary>
internal abstract record Verdict
{
    private Verdict(BusMessage message) => Message = message;

    public BusMessage Message { get; }

    /// <summary>An event to write: the decoded event and its rows, the order's row after it, and whether its customer row is new.</summary>
    public sealed record Accepted(BusMessage Message, OrderEvent Event, EventRows Rows, OrderState Order, bool WritesCustomer) : Verdict(Message);

    /// <summary>A message whose event was accepted before, under <paramref name="EventKey"/>.</summary>
    public sealed record Duplicate(BusMessage Message, string EventKey) : Verdict(Message);

    /// <summary>A message to store as a dead letter; <paramref name="ReplayOf"/> is the message id it was first published under.</summary>
    public sealed record DeadLettered(BusMessage Message, Rejection Rejection, string ReplayOf) : Verdict(Message);

    /// <summary>A status change of an order not seen yet, to deliver again after a backoff: the order may still be on its way.</summary>
    public sealed record RetryLater(BusMessage Message) : Verdict(Message);

    /// <summary>A redelivery of a message whose outcome is already committed (a crash came between commit and acknowledgement).</summary>
    public sealed record AlreadyHandled(BusMessage Message) : Verdict(Message);
}
