using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Generation;

/// <summary>Fills orders with items: the real items-per-order mix, popular products sold more, freight by weight and distance.</summary>
internal sealed class BasketFactory(IReadOnlyList<Product> products, RandomStream random)
{
    /// <summary>Real number of orders with 1, 2, ... 21 items.</summary>
    private static readonly double[] RealOrdersByItemCount =
    [
        88_863, 7_516, 1_322, 505, 204, 198, 22, 8, 3, 8, 4, 5, 1, 2, 2, 0, 0, 0, 0, 2, 1,
    ];

    private static readonly WeightedIndex ItemCountPick = new(RealOrdersByItemCount);

    /// <summary>Freight base in BRL, tuned so the average freight per item is about 20 as in the real data.</summary>
    private const double FreightBase = 17.5;

    private readonly WeightedIndex productPick = new(products.Select(p => p.Popularity));

    /// <summary>Whether the order has items: unavailable and created orders mostly have none, a quarter of canceled ones too.</summary>
    public bool HasItems(Order order) => order.Status switch
    {
        OrderStatuses.Unavailable => random.Chance(0.01),
        OrderStatuses.Created => false,
        OrderStatuses.Canceled => !random.Chance(0.26),
        _ => true,
    };

    public void AddItems(Order order, List<OrderItem> items)
    {
        var count = ItemCountPick.Next(random) + 1;
        var first = products[productPick.Next(random)];
        var handOverBy = (order.Approved ?? order.Purchase).AddDays(random.Between(3, 8));
        for (var sequence = 1; sequence <= count; sequence++)
        {
            // Orders of several units often repeat one product, as real baskets do.
            var product = sequence == 1 || random.Chance(0.55) ? first : products[productPick.Next(random)];
            items.Add(new OrderItem(order, sequence, product, handOverBy, product.PriceCents, Freight(product, order)));
        }
    }

    private long Freight(Product product, Order order)
    {
        var weightKg = (product.Sheet.WeightGrams ?? 700) / 1000.0;
        var distance = 0.8 + (0.02 * (order.Customer.Address.State.DeliveryDays - 8.3));
        var reais = (FreightBase + (3.2 * Math.Pow(weightKg, 0.7))) * distance * random.LogNormal(1, 0.25);
        return (long)Math.Round(reais * 100);
    }
}
