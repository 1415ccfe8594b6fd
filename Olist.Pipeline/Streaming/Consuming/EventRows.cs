using System.Globalization;
using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// An event's values as the stream tables store them (text, local times, two-decimal money), formatted by the pulling
/// stage on its own core so the writing stage, the consumer's bottleneck, only appends.
/// </summary>
/// <param name="Order">The order columns the event carries; on a status change only the id, status and the dates it sets.</param>
/// <param name="Items">One row per item, in the column order of the Olist items table.</param>
/// <param name="Payments">One row per payment part, in the column order of the Olist payments table.</param>
/// <param name="Customer">The customer row, when the event carries one.</param>
internal sealed record EventRows(OrderState Order, string?[][] Items, string?[][] Payments, string?[]? Customer)
{
    /// <summary>Amounts below this have whole cents that fit a <see cref="long"/>.</summary>
    private const decimal MaxCentsAmount = 1_000_000_000_000_000m;

    public static EventRows Of(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        var customer = orderEvent.Customer;
        return new EventRows(
            OrderState.Of(orderEvent.Order),
            Rows(orderEvent.Items, static i => [
                i.OrderId, Whole(i.OrderItemId), i.ProductId, i.SellerId, SaoPauloTime.ToBatchText(i.ShippingLimitDate), Money(i.Price), Money(i.FreightValue),
            ]),
            Rows(orderEvent.Payments, static p => [p.OrderId, Whole(p.PaymentSequential), p.PaymentType, Whole(p.PaymentInstallments), Money(p.PaymentValue)]),
            customer is null ? null : [customer.CustomerId, customer.CustomerUniqueId, customer.ZipCodePrefix, customer.City, customer.State]);
    }

    /// <summary>One row per value, by index: most events are status changes without items or payments, which get no enumerator.</summary>
    private static string?[][] Rows<T>(IReadOnlyList<T> values, Func<T, string?[]> row)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var rows = new string?[values.Count][];
        for (var index = 0; index < rows.Length; index++)
        {
            rows[index] = row(values[index]);
        }

        return rows;
    }

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Two decimals; an amount already in whole cents, as the decoder leaves every amount, is written from its cents
    /// without the general formatter; a negative amount, even a negative zero, keeps the general path.
    /// </summary>
    private static string Money(decimal value) =>
        value.Scale <= 2 && !decimal.IsNegative(value) && value < MaxCentsAmount
            ? Cents((long)(value * 100))
            : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Cents(long cents) => string.Create(CultureInfo.InvariantCulture, $"{cents / 100}.{cents % 100:D2}");
}
