namespace Olist.Tests.Kpis;

/// <summary>
/// Hand-made files for the outlier rule of delivery-times (metrics.md 4.5): sellers sA, sB, sC and sD each deliver
/// 10 orders in 1, 2, 3 and 20 days; sE delivers 2 orders in 50 days. Every order is bought on 2 May 2018 at 08:00
/// by its own customer, has one item of p1 and is promised for 17 May.
/// </summary>
public sealed class DeliveryOutlierDataset : HandWrittenSource
{
    private static readonly (string Seller, int Orders, int Days)[] Sellers = [("sA", 10, 1), ("sB", 10, 2), ("sC", 10, 3), ("sD", 10, 20), ("sE", 2, 50)];

    public DeliveryOutlierDataset()
    {
        var purchase = new DateTime(2018, 5, 2, 8, 0, 0);
        var orders = Sellers
            .SelectMany(s => Enumerable.Range(1, s.Orders).Select(n => (Id: $"{s.Seller}o{n}", s.Seller, Delivered: purchase.AddDays(s.Days))))
            .ToList();
        Write(OlistCatalog.Customers, orders.Select(o => $"c{o.Id},u{o.Id},\"01037\",sao paulo,SP"));
        Write(
            OlistCatalog.Orders,
            orders.Select(o => $"{o.Id},c{o.Id},delivered,{Stamp(purchase)},{Stamp(purchase)},{Stamp(purchase)},{Stamp(o.Delivered)},2018-05-17 00:00:00"));
        Write(OlistCatalog.OrderItems, orders.Select(o => $"{o.Id},1,p1,{o.Seller},2018-05-04 08:00:00,10.00,2.00"));
        Write(OlistCatalog.OrderPayments, orders.Select(o => $"{o.Id},1,credit_card,1,12.00"));
        Write(OlistCatalog.OrderReviews, orders.Select(o => $"r{o.Id},{o.Id},5,,,2018-05-20 00:00:00,2018-05-21 00:00:00"));
        Write(OlistCatalog.Products, "p1,beleza_saude,40,287,1,225,16,10,14");
        Write(OlistCatalog.Sellers, Sellers.Select(s => $"{s.Seller},\"01037\",sao paulo,SP"));
        Write(OlistCatalog.CategoryTranslation, "beleza_saude,health_beauty");
        Write(OlistCatalog.Geolocation, "\"01037\",-23.5456,-46.6388,sao paulo,SP");
    }

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
