using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// Decides each message of a micro-batch against the committed state plus the batch's own earlier messages: already
/// handled, duplicate, dead letter (with the reasons that need the warehouse), retry later, or accepted. Messages are
/// judged in <see cref="EventVersion"/> order, so the events of one order are judged as they happened (at the same event
/// time, as they were published) whatever order the bus delivered them in, and the order's state is always its newest
/// version, the row staging picks.
/// </summary>
internal sealed class BatchJudge(StreamState state, StreamConsumerOptions options)
{
    /// <summary>Decodes <paramref name="message"/>; without an event_id its idempotency key is the id it was first published under.</summary>
    public static DecodedMessage Decode(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return OrderEventDecoder.Decode(message.Body, FirstMessageId(message));
    }

    /// <summary>The message id of the original publication: its own, or the one a replay names.</summary>
    public static string FirstMessageId(BusMessage message) =>
        message.Attributes.TryGetValue(MessageAttributes.ReplayOf, out var original) ? original : message.MessageId;

    public BatchPlan Judge(IReadOnlyList<PulledMessage> batch, DateTimeOffset now)
    {
        var plan = new BatchPlan(state.LastCommit + 1);
        foreach (var pulled in InVersionOrder(batch))
        {
            plan.Add(Decide(plan, pulled, now));
        }

        return plan;
    }

    private Verdict Decide(BatchPlan plan, PulledMessage pulled, DateTimeOffset now)
    {
        var (message, decoded, rows) = pulled;
        if (state.HandledMessages.Contains(StreamState.HandledKey(message)))
        {
            return new Verdict.AlreadyHandled(message);
        }

        if (decoded.Rejection is { } rejection)
        {
            return DeadLetter(message, rejection);
        }

        var orderEvent = decoded.Event!;
        if (state.AcceptedEventKeys.Contains(orderEvent.EventKey) || plan.EventKeys.Contains(orderEvent.EventKey))
        {
            return new Verdict.Duplicate(message, orderEvent.EventKey);
        }

        return orderEvent.IsCreation ? JudgeCreation(plan, message, orderEvent, rows!) : JudgeStatusChange(plan, message, orderEvent, rows!, now);
    }

    private Verdict JudgeCreation(BatchPlan plan, BusMessage message, OrderEvent orderEvent, EventRows rows)
    {
        var order = orderEvent.Order;
        if (plan.Orders.ContainsKey(order.OrderId) || state.HasOrder(order.OrderId))
        {
            return DeadLetter(message, DeadLetterReasons.DuplicateOrder, $"order {order.OrderId} already exists; a second order_created would write it twice");
        }

        if (orderEvent.Items.FirstOrDefault(i => !state.Products.Contains(i.ProductId)) is { } unknownProduct)
        {
            return DeadLetter(message, DeadLetterReasons.UnknownProduct, $"product {unknownProduct.ProductId} of item {unknownProduct.OrderItemId} is not in the catalog");
        }

        if (orderEvent.Items.FirstOrDefault(i => !state.Sellers.Contains(i.SellerId)) is { } unknownSeller)
        {
            return DeadLetter(message, DeadLetterReasons.UnknownSeller, $"seller {unknownSeller.SellerId} of item {unknownSeller.OrderItemId} is not in the catalog");
        }

        var customerId = order.CustomerId!;
        var known = state.Customers.Contains(customerId) || plan.NewCustomers.Contains(customerId);
        if (!known && orderEvent.Customer is null)
        {
            return DeadLetter(message, DeadLetterReasons.UnknownCustomer, $"customer {customerId} is new and the event carries no customers object");
        }

        return new Verdict.Accepted(message, orderEvent, rows, rows.Order, WritesCustomer: !known);
    }

    /// <summary>Accepted, dead-lettered, or retried later when its order is unknown but may still be on its way.</summary>
    private Verdict JudgeStatusChange(BatchPlan plan, BusMessage message, OrderEvent orderEvent, EventRows rows, DateTimeOffset now)
    {
        var change = orderEvent.Order;
        if (!plan.Orders.TryGetValue(change.OrderId, out var current) && !state.Orders.TryGetValue(change.OrderId, out current))
        {
            return now - message.PublishedAt < options.UnknownOrderRetryWindow
                ? new Verdict.RetryLater(message)
                : DeadLetter(message, DeadLetterReasons.UnknownOrder, $"order {change.OrderId} has not arrived within {options.UnknownOrderRetryWindow.TotalSeconds:0} s of publication");
        }

        if (current.Version is { } currentVersion && rows.Order.Version!.Value < currentVersion)
        {
            // Its order has moved on by a newer event: written, it would be a version no reader takes as the order, and
            // the consumer's state would disagree with the warehouse.
            return DeadLetter(
                message,
                DeadLetterReasons.IllegalTransition,
                $"order {change.OrderId} is already '{current.Status}' by a newer event ({Describe(currentVersion)}); this '{change.OrderStatus}' event comes before it ({Describe(rows.Order.Version!.Value)})");
        }

        return OrderStatusTransitions.IsAllowed(current.Status, change.OrderStatus)
            ? new Verdict.Accepted(message, orderEvent, rows, current.With(rows.Order), WritesCustomer: false)
            : DeadLetter(message, DeadLetterReasons.IllegalTransition, $"order {change.OrderId} cannot move from '{current.Status}' to '{change.OrderStatus}'");
    }

    private static Verdict.DeadLettered DeadLetter(BusMessage message, string reason, string detail) => DeadLetter(message, new Rejection(reason, detail));

    private static Verdict.DeadLettered DeadLetter(BusMessage message, Rejection rejection) => new(message, rejection, FirstMessageId(message));

    /// <summary>
    /// The batch sorted by version (stable; messages that did not decode first, by publish order), or as it is when it
    /// already is: the embedded bus delivers in publish order, so only redeliveries and other buses pay for a sort.
    /// </summary>
    private static IReadOnlyList<PulledMessage> InVersionOrder(IReadOnlyList<PulledMessage> batch)
    {
        for (var i = 1; i < batch.Count; i++)
        {
            if (VersionOf(batch[i - 1]) > VersionOf(batch[i]))
            {
                return [.. batch.OrderBy(VersionOf)];
            }
        }

        return batch;
    }

    private static EventVersion VersionOf(PulledMessage pulled) =>
        pulled.Rows?.Order.Version ?? new EventVersion(DateTimeOffset.MinValue, pulled.Message.PublishedAt, pulled.Message.PublishSequence, string.Empty);

    private static string Describe(EventVersion version) =>
        $"event time {version.EventTime.ToString("O", CultureInfo.InvariantCulture)}, published {version.PublishedAt.ToString("O", CultureInfo.InvariantCulture)} #{version.PublishSequence.ToString(CultureInfo.InvariantCulture)}";
}
