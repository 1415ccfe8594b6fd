namespace Olist.Tests.Kpis;

/// <summary>
/// Every KPI with every option it allows, each also over a purchase-date range (delivery-times over open-ended ones too), as named comparisons of two
/// computations of the same files: the expected one (the reference) and the actual one (the warehouse).
/// </summary>
public static class KpiVariants
{
    /// <summary>Starts and ends mid-month and mid-week, so partial first and last periods are compared too.</summary>
    public static readonly DateRange Range = new(new DateOnly(2017, 6, 10), new DateOnly(2018, 2, 20));

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Dictionary<string, Func<IKpiService, IKpiService, Task>> Comparisons = new(StringComparer.Ordinal)
    {
        ["customer-growth"] = Compare<CustomerGrowthRow>(k => k.CustomerGrowthAsync(DateRange.All, None), KpiAssert.Equal),
        ["customer-growth range"] = Compare<CustomerGrowthRow>(k => k.CustomerGrowthAsync(Range, None), KpiAssert.Equal),
        ["top-products day"] = Compare<TopProductRow>(k => k.TopProductsAsync(TimeGrain.Day, 10, DateRange.All, None), KpiAssert.Equal),
        ["top-products month"] = Compare<TopProductRow>(k => k.TopProductsAsync(TimeGrain.Month, 10, DateRange.All, None), KpiAssert.Equal),
        ["top-products month top 3"] = Compare<TopProductRow>(k => k.TopProductsAsync(TimeGrain.Month, 3, DateRange.All, None), KpiAssert.Equal),
        ["top-products year"] = Compare<TopProductRow>(k => k.TopProductsAsync(TimeGrain.Year, 10, DateRange.All, None), KpiAssert.Equal),
        ["top-products range"] = Compare<TopProductRow>(k => k.TopProductsAsync(TimeGrain.Month, 10, Range, None), KpiAssert.Equal),
        ["top-products day range"] = Compare<TopProductRow>(k => k.TopProductsAsync(TimeGrain.Day, 10, Range, None), KpiAssert.Equal),
        ["top-products year range"] = Compare<TopProductRow>(k => k.TopProductsAsync(TimeGrain.Year, 10, Range, None), KpiAssert.Equal),
        ["seller-sales"] = Compare<SellerSalesRow>(k => k.SellerSalesAsync(DateRange.All, None), KpiAssert.Equal),
        ["seller-sales range"] = Compare<SellerSalesRow>(k => k.SellerSalesAsync(Range, None), KpiAssert.Equal),
        ["sales-trends day"] = Compare<SalesTrendRow>(k => k.SalesTrendsAsync(TimeGrain.Day, DateRange.All, None), KpiAssert.Equal),
        ["sales-trends week"] = Compare<SalesTrendRow>(k => k.SalesTrendsAsync(TimeGrain.Week, DateRange.All, None), KpiAssert.Equal),
        ["sales-trends month"] = Compare<SalesTrendRow>(k => k.SalesTrendsAsync(TimeGrain.Month, DateRange.All, None), KpiAssert.Equal),
        ["sales-trends range"] = Compare<SalesTrendRow>(k => k.SalesTrendsAsync(TimeGrain.Week, Range, None), KpiAssert.Equal),
        ["sales-trends day range"] = Compare<SalesTrendRow>(k => k.SalesTrendsAsync(TimeGrain.Day, Range, None), KpiAssert.Equal),
        ["sales-trends month range"] = Compare<SalesTrendRow>(k => k.SalesTrendsAsync(TimeGrain.Month, Range, None), KpiAssert.Equal),
        ["delivery-times"] = Compare<DeliveryTimeRow>(k => k.DeliveryTimesAsync(DateRange.All, None), KpiAssert.Equal),
        ["delivery-times range"] = Compare<DeliveryTimeRow>(k => k.DeliveryTimesAsync(Range, None), KpiAssert.Equal),
        ["delivery-times from only"] = Compare<DeliveryTimeRow>(k => k.DeliveryTimesAsync(new DateRange(Range.From, null), None), KpiAssert.Equal),
        ["delivery-times to only"] = Compare<DeliveryTimeRow>(k => k.DeliveryTimesAsync(new DateRange(null, Range.To), None), KpiAssert.Equal),
        ["order-value state"] = Compare<OrderValueRow>(k => k.OrderValueAsync(LocationLevel.State, DateRange.All, None), KpiAssert.Equal),
        ["order-value city"] = Compare<OrderValueRow>(k => k.OrderValueAsync(LocationLevel.City, DateRange.All, None), KpiAssert.Equal),
        ["order-value range"] = Compare<OrderValueRow>(k => k.OrderValueAsync(LocationLevel.City, Range, None), KpiAssert.Equal),
        ["order-value state range"] = Compare<OrderValueRow>(k => k.OrderValueAsync(LocationLevel.State, Range, None), KpiAssert.Equal),
        ["purchase-frequency state"] = Compare<PurchaseFrequencyRow>(k => k.PurchaseFrequencyAsync(LocationLevel.State, DateRange.All, None), KpiAssert.Equal),
        ["purchase-frequency city"] = Compare<PurchaseFrequencyRow>(k => k.PurchaseFrequencyAsync(LocationLevel.City, DateRange.All, None), KpiAssert.Equal),
        ["purchase-frequency range"] = Compare<PurchaseFrequencyRow>(k => k.PurchaseFrequencyAsync(LocationLevel.City, Range, None), KpiAssert.Equal),
        ["purchase-frequency state range"] = Compare<PurchaseFrequencyRow>(k => k.PurchaseFrequencyAsync(LocationLevel.State, Range, None), KpiAssert.Equal),
        ["retention"] = Compare<RetentionRow>(k => k.RetentionAsync(DateRange.All, None), KpiAssert.Equal),
        ["retention range"] = Compare<RetentionRow>(k => k.RetentionAsync(Range, None), KpiAssert.Equal),
        ["satisfaction"] = Compare<SatisfactionRow>(k => k.SatisfactionAsync(DateRange.All, None), KpiAssert.Equal),
        ["satisfaction range"] = Compare<SatisfactionRow>(k => k.SatisfactionAsync(Range, None), KpiAssert.Equal),
    };

    /// <summary>The names of all variants, for a theory.</summary>
    public static IEnumerable<string> Names => Comparisons.Keys;

    /// <summary>Runs variant <paramref name="name"/> on both computations and asserts the rows agree.</summary>
    public static Task CompareAsync(string name, IKpiService expected, IKpiService actual) => Comparisons[name](expected, actual);

    private static Func<IKpiService, IKpiService, Task> Compare<T>(
        Func<IKpiService, Task<IReadOnlyList<T>>> query, Action<IReadOnlyList<T>, IReadOnlyList<T>> assertEqual) =>
        async (expected, actual) => assertEqual(await query(expected), await query(actual));
}
