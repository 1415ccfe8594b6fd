using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>An order's current row as the stream writes it: the Olist order columns as text, timestamps in local time.</summary>
public sealed record OrderState(
    string OrderId,
    string? CustomerId,
    string Status,
    string? PurchaseTimestamp,
    string? ApprovedAt,
    string? DeliveredCarrierDate,
    string? DeliveredCustomerDate,
    string? EstimatedDeliveryDate)
{
    /// <summary>The order columns an event carries, as text: a new order's row, or the fields a status change sets.</summary>
    public static OrderState Of(OrderFields order)
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
            SaoPauloTime.ToBatchText(order.EstimatedDeliveryDate));
    }

    /// <summary>This order after a status change (<see cref="Of"/> a change): the new status and the dates it sets, the rest kept.</summary>
    public OrderState With(OrderState change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with
        {
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
