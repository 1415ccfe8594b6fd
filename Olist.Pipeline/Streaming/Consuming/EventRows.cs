using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// An event's values as the stream tables store them (text, local times, two-decimal money), formatted by the pulling
/// stage on its own core so the writing stage, the consumer's bottleneck, only appends.
/// </summary>
/// <param name="Order">The order columns the event carries (on a status change only the id, status and the dates it sets), at the event's version.</param>
/// <param name="Items">One row per item, in the column order of the Olist items table.</param>
/// <param name="Payments">One row per payment part, in the column order of the Olist payments table.</param>
/// <param name="Customer">The customer row, when the event carries one.</param>
internal sealed record EventRows(OrderState Order, string?[][] Items, string?[][] Payments, string?[]? Customer)
{
    public static EventRows Of(OrderEvent orderEvent, EventVersion version)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        var customer = orderEvent.Customer;
        return new EventRows(
            OrderState.Of(orderEvent.Order, version),
            [.. orderEvent.Items.Select(static string?[] (i) => [
                i.OrderId, Whole(i.OrderItemId), i.ProductId, i.SellerId, SaoPauloTime.ToBatchText(i.ShippingLimitDate), Money(i.Price), Money(i.FreightValue),
            ])],
            [.. orderEvent.Payments.Select(static string?[] (p) => [p.OrderId, Whole(p.PaymentSequential), p.PaymentType, Whole(p.PaymentInstallments), Money(p.PaymentValue)])],
            customer is null ? null : [customer.CustomerId, customer.CustomerUniqueId, customer.ZipCodePrefix, customer.City, customer.State]);
    }

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
