using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// An order's current row as the stream writes it: the Olist order columns as text, timestamps in local time; and the
/// version of the event that made it current (null for a row of the batch data, which every event is newer than).
/// </summary>
public sealed record OrderState(
    string OrderId,
    string? CustomerId,
    string Status,
    string? PurchaseTimestamp,
    string? ApprovedAt,
    string? DeliveredCarrierDate,
    string? DeliveredCustomerDate,
    string? EstimatedDeliveryDate,
    EventVersion? Version = null)
{
    /// <summary>The order columns an event of <paramref name="version"/> carries, as text: a new order's row, or the fields a status change sets.</summary>
    public static OrderState Of(OrderFields order, EventVersion version)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(
            order.OrderId,
            order.CustomerId,
            order.OrderStatus,
            SaoPauloTime.ToBatchText(order.PurchaseTimestamp),
            SaoPauloTime.ToBatchText(order.ApprovedAt),
            SaoPauloTime.ToBatchText(order.DeliveredCarrierDate),
            SaoPauloTime.ToBatchText(order.DeliveredCustomerDate),
            SaoPauloTime.ToBatchText(order.EstimatedDeliveryDate),
            version);
    }

    /// <summary>This order after a status change (<see cref="Of"/> a change): the new status and the dates it sets, the rest kept, at the change's version.</summary>
    public OrderState With(OrderState change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with
        {
            Version = change.Version,
            Status = change.Status,
            ApprovedAt = change.ApprovedAt ?? ApprovedAt,
            DeliveredCarrierDate = change.DeliveredCarrierDate ?? DeliveredCarrierDate,
            DeliveredCustomerDate = change.DeliveredCustomerDate ?? DeliveredCustomerDate,
            EstimatedDeliveryDate = change.EstimatedDeliveryDate ?? EstimatedDeliveryDate,
        };
    }

    /// <summary>The values in the column order of the Olist orders table.</summary>
    public string?[] Columns() =>
        [OrderId, CustomerId, Status, PurchaseTimestamp, ApprovedAt, DeliveredCarrierDate, DeliveredCustomerDate, EstimatedDeliveryDate];
}
