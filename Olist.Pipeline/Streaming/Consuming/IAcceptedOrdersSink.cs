namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// Hears of every committed micro-batch, after its commit and before its acknowledgement: the live monitor pushes the
/// accepted orders and the new counters from here. A sink that throws is logged and skipped; it never fails the batch.
/// </summary>
public interface IAcceptedOrdersSink
{
    ValueTask OnBatchCommittedAsync(StreamBatchReport report, CancellationToken cancellationToken);
}

/// <summary>One committed micro-batch: the orders it accepted, what it dropped, and the counters after it.</summary>
/// <param name="Orders">Accepted events in the order they were judged (each order's as they happened): new orders and status changes.</param>
/// <param name="Duplicates">Messages dropped as duplicates.</param>
/// <param name="DeadLettered">Messages dead-lettered, per reason.</param>
/// <param name="Counters">The totals since the data directory was created, including this batch.</param>
/// <param name="CommittedAt">When the batch was written.</param>
public sealed record StreamBatchReport(
    IReadOnlyList<AcceptedOrder> Orders,
    int Duplicates,
    IReadOnlyDictionary<string, int> DeadLettered,
    StreamCounters Counters,
    DateTimeOffset CommittedAt);

/// <summary>An accepted event as the live monitor shows it.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="EventType">order_created or order_status_changed.</param>
/// <param name="Status">The order's status after the event.</param>
/// <param name="PurchaseTimestamp">The purchase time in local America/Sao_Paulo time, as the warehouse stores it.</param>
/// <param name="CustomerState">The customer's state when the event carried the customer.</param>
/// <param name="Items">Number of items (units); 0 for a status change.</param>
/// <param name="ItemRevenue">Sum of the item prices.</param>
/// <param name="OrderValue">Sum of the payments.</param>
/// <param name="PaymentMismatch">Payments differ from items plus freight by more than a cent.</param>
/// <param name="EventTime">The event's UTC time.</param>
/// <param name="PublishedAt">When the bus stored the message, for latency figures.</param>
/// <param name="MessageId">The bus message id.</param>
public sealed record AcceptedOrder(
    string OrderId,
    string EventType,
    string Status,
    string? PurchaseTimestamp,
    string? CustomerState,
    int Items,
    decimal ItemRevenue,
    decimal OrderValue,
    bool PaymentMismatch,
    DateTimeOffset EventTime,
    DateTimeOffset PublishedAt,
    string MessageId);
