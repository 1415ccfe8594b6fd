namespace Olist.Pipeline.Generation;

/// <summary>The customer record of one order: its own customer_id, the person behind it and the address.</summary>
internal sealed record Customer(HexId Id, HexId PersonId, Address Address);

/// <summary>An order with its status and lifecycle timestamps (null where the status has not reached that step).</summary>
internal sealed record Order(
    HexId Id,
    Customer Customer,
    string Status,
    string PaymentMethod,
    DateTime Purchase,
    DateTime? Approved,
    DateTime? HandedToCarrier,
    DateTime? Delivered,
    DateTime EstimatedDelivery)
{
    /// <summary>Delivered to the customer on a later day than promised.</summary>
    public bool DeliveredLate => Delivered is { } delivered && delivered.Date > EstimatedDelivery.Date;
}

/// <summary>One unit sold in an order.</summary>
internal sealed record OrderItem(Order Order, int Sequence, Product Product, DateTime ShippingLimit, long PriceCents, long FreightCents);

/// <summary>One payment part of an order.</summary>
internal sealed record Payment(Order Order, int Sequence, string Type, int Installments, long ValueCents);

/// <summary>A customer's review of an order.</summary>
internal sealed record Review(HexId Id, Order Order, int Score, string? Title, string? Message, DateTime Created, DateTime Answered);
