namespace Olist.Tests.Kpis.Reference;

/// <summary>
/// The nine KPIs of metrics.md section 4 computed in C# over <see cref="CleanDataset"/>, with no code shared with the
/// SQL models, so the two can be compared. A date range keeps the orders purchased within it, as if no other existed.
/// </summary>
public sealed class ReferenceKpis(CleanDataset data) : TypedKpiService
{
    private const double OutlierMinimumOrders = 10;

    private static readonly string[] SatisfactionBuckets = ["early", "on_time", "late_1_3", "late_4_7", "late_8_plus"];

    public override Task<IReadOnlyList<CustomerGrowthRow>> CustomerGrowthAsync(DateRange range, CancellationToken cancellationToken)
    {
        var sales = Sales(range);
        var firstMonth = FirstMonthPerCustomer(sales);
        var rows = new List<CustomerGrowthRow>();
        long cumulative = 0;
        foreach (var month in Months(sales))
        {
            long newCustomers = firstMonth.Count(f => f.Value == month);
            var previous = cumulative;
            cumulative += newCustomers;
            var active = sales.Where(s => Periods.Start(s.Order.PurchaseDay, TimeGrain.Month) == month).Select(s => s.Person).Distinct().Count();
            rows.Add(new CustomerGrowthRow(
                Periods.Label(month, TimeGrain.Month), newCustomers, cumulative, active, previous == 0 ? null : 100.0 * newCustomers / previous));
        }

        return Rows(rows);
    }

    public override Task<IReadOnlyList<TopProductRow>> TopProductsAsync(TimeGrain grain, int top, DateRange range, CancellationToken cancellationToken)
    {
        Allow(grain, TimeGrain.Day, TimeGrain.Month, TimeGrain.Year);
        var rows = SaleItems(range)
            .GroupBy(x => Periods.LabelOf(x.Sale.Order.PurchaseDay, grain), StringComparer.Ordinal)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(period => period
                .GroupBy(x => x.Item.ProductId, StringComparer.Ordinal)
                .Select(p => (ProductId: p.Key, Units: (long)p.Count(), Revenue: p.Sum(x => x.Item.Price)))
                .OrderByDescending(p => p.Units).ThenByDescending(p => p.Revenue).ThenBy(p => p.ProductId, StringComparer.Ordinal)
                .Take(top)
                .Select((p, index) => new TopProductRow(period.Key, index + 1, p.ProductId, data.CategoryOf(p.ProductId), p.Units, p.Revenue)))
            .ToList();
        return Rows(rows);
    }

    public override Task<IReadOnlyList<SellerSalesRow>> SellerSalesAsync(DateRange range, CancellationToken cancellationToken)
    {
        var rows = SaleItems(range)
            .GroupBy(x => x.Item.SellerId, StringComparer.Ordinal)
            .Select(seller =>
            {
                var best = seller
                    .GroupBy(x => x.Item.ProductId, StringComparer.Ordinal)
                    .Select(p => (ProductId: p.Key, Units: (long)p.Count(), Revenue: p.Sum(x => x.Item.Price)))
                    .OrderByDescending(p => p.Units).ThenByDescending(p => p.Revenue).ThenBy(p => p.ProductId, StringComparer.Ordinal)
                    .First();
                var location = data.Sellers.GetValueOrDefault(seller.Key);
                return (SellerId: seller.Key, location?.State, location?.City,
                    Orders: (long)seller.Select(x => x.Sale.Order.OrderId).Distinct().Count(),
                    Units: (long)seller.Count(), Revenue: seller.Sum(x => x.Item.Price), best.ProductId, BestUnits: best.Units);
            })
            .OrderByDescending(s => s.Revenue).ThenBy(s => s.SellerId, StringComparer.Ordinal)
            .Select((s, index) => new SellerSalesRow(index + 1, s.SellerId, s.State, s.City, s.Orders, s.Units, s.Revenue, s.ProductId, s.BestUnits))
            .ToList();
        return Rows(rows);
    }

    public override Task<IReadOnlyList<SalesTrendRow>> SalesTrendsAsync(TimeGrain grain, DateRange range, CancellationToken cancellationToken)
    {
        Allow(grain, TimeGrain.Day, TimeGrain.Week, TimeGrain.Month);
        var sales = Sales(range);
        var byPeriod = sales.ToLookup(s => Periods.Start(s.Order.PurchaseDay, grain));
        var rows = Between(sales, grain)
            .Select(start =>
            {
                var period = byPeriod[start].ToList();
                var items = period.SelectMany(s => data.ItemsByOrder[s.Order.OrderId]).ToList();
                var payments = period.Sum(s => OrderValue(s.Order));
                return new SalesTrendRow(
                    Periods.Label(start, grain),
                    period.Count,
                    items.Sum(i => i.Price),
                    items.Sum(i => i.Freight),
                    payments,
                    period.Count == 0 ? null : (double)payments / period.Count);
            })
            .ToList();
        return Rows(rows);
    }

    public override Task<IReadOnlyList<DeliveryTimeRow>> DeliveryTimesAsync(DateRange range, CancellationToken cancellationToken)
    {
        var perSeller = Sales(range)
            .Select(s => s.Order)
            .Where(o => o.Status == "delivered" && o.DeliveredToCustomer is { } delivered && delivered >= o.Purchase)
            .SelectMany(o => data.ItemsByOrder[o.OrderId].Select(i => i.SellerId).Distinct().Select(seller => (Seller: seller, Order: o)))
            .GroupBy(x => x.Seller, StringComparer.Ordinal)
            .Select(seller =>
            {
                var days = seller.Select(x => (x.Order.DeliveredToCustomer!.Value - x.Order.Purchase).TotalSeconds / 86_400).ToList();
                var late = seller.Count(x => x.Order.EstimatedDelivery is { } estimated && x.Order.DeliveredToCustomer!.Value.Date > estimated.Date);
                return (SellerId: seller.Key, Orders: (long)days.Count, Average: days.Average(), Median: Percentile.Continuous(days, 0.5),
                    P90: Percentile.Continuous(days, 0.9), LatePct: 100.0 * late / days.Count);
            })
            .ToList();

        var eligible = perSeller.Where(s => s.Orders >= OutlierMinimumOrders).Select(s => s.Average).ToList();
        var fence = double.PositiveInfinity;
        if (eligible.Count > 0)
        {
            var q1 = Percentile.Continuous(eligible, 0.25);
            var q3 = Percentile.Continuous(eligible, 0.75);
            fence = q3 + (1.5 * (q3 - q1));
        }

        var rows = perSeller
            .OrderBy(s => s.SellerId, StringComparer.Ordinal)
            .Select(s => new DeliveryTimeRow(s.SellerId, s.Orders, s.Average, s.Median, s.P90, s.LatePct, s.Orders >= OutlierMinimumOrders && s.Average > fence))
            .ToList();
        return Rows(rows);
    }

    public override Task<IReadOnlyList<OrderValueRow>> OrderValueAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken)
    {
        var rows = Sales(range)
            .Where(s => data.PaymentsByOrder[s.Order.OrderId].Any())
            .GroupBy(s => Location(s, level))
            .OrderBy(g => g.Key.State, StringComparer.Ordinal).ThenBy(g => g.Key.City, StringComparer.Ordinal)
            .Select(g =>
            {
                var revenue = g.Sum(s => OrderValue(s.Order));
                return new OrderValueRow(g.Key.State!, g.Key.City, g.Count(), revenue, (double)revenue / g.Count());
            })
            .ToList();
        return Rows(rows);
    }

    public override Task<IReadOnlyList<PurchaseFrequencyRow>> PurchaseFrequencyAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken)
    {
        var rows = Sales(range)
            .GroupBy(s => Location(s, level))
            .OrderBy(g => g.Key.State, StringComparer.Ordinal).ThenBy(g => g.Key.City, StringComparer.Ordinal)
            .Select(g =>
            {
                long customers = g.Select(s => s.Person).Distinct().Count();
                return new PurchaseFrequencyRow(g.Key.State!, g.Key.City, customers, g.Count(), (double)g.Count() / customers);
            })
            .ToList();
        return Rows(rows);
    }

    public override Task<IReadOnlyList<RetentionRow>> RetentionAsync(DateRange range, CancellationToken cancellationToken)
    {
        var sales = Sales(range);
        if (sales.Count == 0)
        {
            return Rows(new List<RetentionRow>());
        }

        var lastMonth = Periods.Start(sales.Max(s => s.Order.PurchaseDay), TimeGrain.Month);
        var monthsPerCustomer = sales
            .GroupBy(s => s.Person, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => Periods.Start(s.Order.PurchaseDay, TimeGrain.Month)).ToHashSet());
        var rows = FirstMonthPerCustomer(sales)
            .GroupBy(f => f.Value)
            .OrderBy(c => c.Key)
            .SelectMany(cohort =>
            {
                var members = cohort.Select(c => c.Key).ToList();
                return Enumerable.Range(0, Periods.MonthsBetween(cohort.Key, lastMonth) + 1).Select(offset =>
                {
                    long active = members.Count(m => monthsPerCustomer[m].Contains(cohort.Key.AddMonths(offset)));
                    return new RetentionRow(Periods.Label(cohort.Key, TimeGrain.Month), members.Count, offset, active, 100.0 * active / members.Count);
                });
            })
            .ToList();
        return Rows(rows);
    }

    public override Task<IReadOnlyList<SatisfactionRow>> SatisfactionAsync(DateRange range, CancellationToken cancellationToken)
    {
        var rows = Sales(range)
            .Select(s => s.Order)
            .Where(o => o.Status == "delivered" && o.DeliveredToCustomer is not null && o.EstimatedDelivery is not null)
            .Select(o => (Order: o, Scores: data.ReviewsByOrder[o.OrderId].Where(r => r.Score is not null).Select(r => (double)r.Score!.Value).ToList()))
            .Where(x => x.Scores.Count > 0)
            .Select(x => (Bucket: Bucket(x.Order), Score: x.Scores.Average()))
            .GroupBy(x => x.Bucket, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(SatisfactionBuckets, g.Key))
            .Select(g => new SatisfactionRow(g.Key, g.Count(), g.Average(x => x.Score), 100.0 * g.Count(x => x.Score == 1) / g.Count()))
            .ToList();
        return Rows(rows);
    }

    /// <summary>metrics.md 4.9: delivery day minus estimated delivery day, in whole days.</summary>
    private static string Bucket(CleanOrder order) =>
        (order.DeliveredToCustomer!.Value.Date - order.EstimatedDelivery!.Value.Date).Days switch
        {
            < 0 => "early",
            0 => "on_time",
            <= 3 => "late_1_3",
            <= 7 => "late_4_7",
            _ => "late_8_plus",
        };

    private static void Allow(TimeGrain grain, params TimeGrain[] allowed)
    {
        if (!allowed.Contains(grain))
        {
            throw new ArgumentOutOfRangeException(nameof(grain), grain, $"Allowed: {string.Join(", ", allowed)}.");
        }
    }

    private static Task<IReadOnlyList<T>> Rows<T>(List<T> rows) => Task.FromResult<IReadOnlyList<T>>(rows);

    private static Dictionary<string, DateOnly> FirstMonthPerCustomer(IEnumerable<Sale> sales) =>
        sales.GroupBy(s => s.Person, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Periods.Start(g.Min(s => s.Order.PurchaseDay), TimeGrain.Month));

    private static IEnumerable<DateOnly> Months(IReadOnlyList<Sale> sales) => Between(sales, TimeGrain.Month);

    private static IEnumerable<DateOnly> Between(IReadOnlyList<Sale> sales, TimeGrain grain) =>
        sales.Count == 0
            ? []
            : Periods.Between(sales.Min(s => s.Order.PurchaseDay), sales.Max(s => s.Order.PurchaseDay), grain);

    private static (string? State, string? City) Location(Sale sale, LocationLevel level) =>
        (sale.Customer.State, level == LocationLevel.City ? sale.Customer.City : null);

    /// <summary>Order value: the sum of the order's payment values (0 without payments).</summary>
    private decimal OrderValue(CleanOrder order) => data.PaymentsByOrder[order.OrderId].Sum(p => p.Value);

    /// <summary>The sales orders purchased within the range, each with its customer record.</summary>
    private List<Sale> Sales(DateRange range) =>
        data.Orders
            .Where(o => o.IsSale && (range.From is not { } from || o.PurchaseDay >= from) && (range.To is not { } to || o.PurchaseDay <= to))
            .Select(o => new Sale(o, data.Customers[o.CustomerId]))
            .ToList();

    private IEnumerable<(Sale Sale, CleanItem Item)> SaleItems(DateRange range) =>
        Sales(range).SelectMany(s => data.ItemsByOrder[s.Order.OrderId].Select(i => (s, i)));

    /// <summary>A sales order with its customer record; the person is <c>customer_unique_id</c>.</summary>
    private sealed record Sale(CleanOrder Order, CleanCustomer Customer)
    {
        public string Person => Customer.UniqueId ?? throw new InvalidDataException($"Customer {Customer.CustomerId} has no customer_unique_id.");
    }
}
