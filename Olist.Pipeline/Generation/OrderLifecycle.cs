using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Generation;

/// <summary>Draws an order's status, payment method and lifecycle timestamps with the real mix and delivery times.</summary>
internal sealed class OrderLifecycle(RandomStream random)
{
    private const double DeliverySpread = 0.55;

    private static readonly (string Status, double RealOrders)[] Statuses =
    [
        (OrderStatuses.Delivered, 96_478), (OrderStatuses.Shipped, 1_107), (OrderStatuses.Canceled, 625),
        (OrderStatuses.Unavailable, 609), (OrderStatuses.Invoiced, 314), (OrderStatuses.Processing, 301),
        (OrderStatuses.Created, 5), (OrderStatuses.Approved, 2),
    ];

    /// <summary>Share of orders per main payment method, chosen so payment rows end up 73.9% card, 19.0% boleto, 5.6% voucher, 1.5% debit.</summary>
    private static readonly (string Method, double Share)[] Methods =
    [
        (PaymentTypes.CreditCard, 0.772), (PaymentTypes.Boleto, 0.1985), (PaymentTypes.DebitCard, 0.0157), (PaymentTypes.Voucher, 0.0138),
    ];

    private static readonly WeightedIndex StatusPick = new(Statuses.Select(s => s.RealOrders));
    private static readonly WeightedIndex MethodPick = new(Methods.Select(m => m.Share));

    public Order Draw(Customer customer, DateTime purchase)
    {
        var status = Statuses[StatusPick.Next(random)].Status;
        var method = Methods[MethodPick.Next(random)].Method;
        var state = customer.Address.State;
        var approved = HasApproval(status) ? purchase + ApprovalDelay(method) : (DateTime?)null;
        var deliveryDays = random.LogNormal(state.DeliveryDays / Math.Exp(DeliverySpread * DeliverySpread / 2), DeliverySpread);
        var delivered = purchase.AddDays(Math.Max(0.8, deliveryDays));
        DateTime? carrier = null;
        if (status is OrderStatuses.Delivered or OrderStatuses.Shipped)
        {
            var handOver = purchase.AddDays((delivered - purchase).TotalDays * (0.1 + (0.3 * random.NextDouble())));
            carrier = approved is { } a && handOver < a ? a.AddHours(1 + random.Next(20)) : handOver;
            delivered = carrier.Value > delivered ? carrier.Value.AddHours(4 + random.Next(40)) : delivered;
        }

        var promisedDays = Math.Max(3, (int)Math.Round((state.DeliveryDays * 1.2) + 9 + (random.Normal() * 4)));
        return new Order(
            random.NextId(),
            customer,
            status,
            method,
            purchase,
            approved,
            carrier,
            status == OrderStatuses.Delivered ? delivered : null,
            purchase.Date.AddDays(promisedDays));
    }

    /// <summary>Whether the order has an approval time: never when only created; missing for some canceled and a handful of delivered orders, as in the real file.</summary>
    private bool HasApproval(string status) => status switch
    {
        OrderStatuses.Created => false,
        OrderStatuses.Canceled => !random.Chance(0.225),
        OrderStatuses.Delivered => !random.Chance(14.0 / 96_478),
        _ => true,
    };

    /// <summary>Cards are approved within minutes (some within a day); boletos take a day or more to clear.</summary>
    private TimeSpan ApprovalDelay(string method) =>
        method == PaymentTypes.Boleto
            ? TimeSpan.FromHours(12 + random.Exponential(30))
            : TimeSpan.FromMinutes(random.Chance(0.85) ? 1 + random.Exponential(20) : random.Exponential(1_000));
}
