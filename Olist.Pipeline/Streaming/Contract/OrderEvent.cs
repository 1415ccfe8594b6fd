namespace Olist.Pipeline.Streaming.Contract;

/// <summary>A decoded, structurally valid order event of the live stream (events.md), with UTC instants as sent.</summary>
/// <param name="EventKey">The idempotency key: the event's <c>event_id</c>, or the bus message id when it has none.</param>
/// <param name="EventType">The normalised type: <c>order_created</c> (also for the alias <c>order_initiated</c>) or <c>order_status_changed</c>.</param>
/// <param name="Timestamp">When the storefront says the event happened.</param>
/// <param name="Order">The order fields the event carries.</param>
/// <param name="Customer">The customer record, when the event carries one.</param>
/// <param name="Items">The order's items (order_created only).</param>
/// <param name="Payments">The order's payment parts (order_created only).</param>
public sealed record OrderEvent(
    string EventKey,
    string EventType,
    DateTimeOffset Timestamp,
    OrderFields Order,
    CustomerFields? Customer,
    IReadOnlyList<OrderItemFields> Items,
    IReadOnlyList<PaymentFields> Payments)
{
    /// <summary>True for an order_created (or order_initiated) event.</summary>
    public bool IsCreation => EventType == EventTypes.OrderCreated;

    /// <summary>Item prices plus freight, the amount the payments should add up to.</summary>
    public decimal ItemsTotal => Items.Sum(i => i.Price + i.FreightValue);

    /// <summary>The sum of the payment parts.</summary>
    public decimal PaymentsTotal => Payments.Sum(p => p.PaymentValue);

    /// <summary>Payments differ from items plus freight by more than a cent: accepted, but counted as payment_mismatch.</summary>
    public bool HasPaymentMismatch => IsCreation && Math.Abs(PaymentsTotal - ItemsTotal) > 0.01m;
}

/// <summary>The <c>data.orders</c> object: the order's columns; on a status change only the id, the new status and the dates it sets.</summary>
public sealed record OrderFields(
    string OrderId,
    string? CustomerId,
    string OrderStatus,
    DateTimeOffset? PurchaseTimestamp,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? DeliveredCarrierDate,
    DateTimeOffset? DeliveredCustomerDate,
    DateTimeOffset? EstimatedDeliveryDate);

/// <summary>The <c>data.customers</c> object: the customer record of the order, needed when its customer_id is new.</summary>
public sealed record CustomerFields(string CustomerId, string CustomerUniqueId, string? ZipCodePrefix, string? City, string? State);

/// <summary>One element of <c>data.order_items</c>.</summary>
public sealed record OrderItemFields(
    string OrderId, int OrderItemId, string ProductId, string SellerId, DateTimeOffset? ShippingLimitDate, decimal Price, decimal FreightValue);

/// <summary>One element (or the single object) of <c>data.order_payments</c>.</summary>
public sealed record PaymentFields(string OrderId, int PaymentSequential, string PaymentType, int PaymentInstallments, decimal PaymentValue);
