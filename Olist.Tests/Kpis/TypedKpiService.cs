namespace Olist.Tests.Kpis;

/// <summary>
/// A KPI service written as the nine typed reads (the C# reference, the pages' fake): the generic read dispatches to them
/// by KPI name and turns their views into rows of the analytics project's catalog, so callers see what the real service gives.
/// </summary>
public abstract class TypedKpiService : IKpiService
{
    /// <summary>The catalog of the analytics project beside the tests, read once.</summary>
    public static KpiCatalog ProjectCatalog => LazyCatalog.Value;

    private static readonly Lazy<KpiCatalog> LazyCatalog = new(() => KpiCatalog.Load(TransformOptions.DefaultProjectDirectory));

    public KpiCatalog Catalog => ProjectCatalog;

    public async Task<IReadOnlyList<KpiRow>> ReadAsync(KpiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (kpi, range) = (request.Kpi, request.Range);
        return kpi.Name switch
        {
            "customer-growth" => Rows(kpi, await CustomerGrowthAsync(range, cancellationToken)),
            "top-products" => Rows(kpi, await TopProductsAsync(request.Grain, request.Top, range, cancellationToken)),
            "seller-sales" => Rows(kpi, await SellerSalesAsync(range, cancellationToken)),
            "sales-trends" => Rows(kpi, await SalesTrendsAsync(request.Grain, range, cancellationToken)),
            "delivery-times" => Rows(kpi, await DeliveryTimesAsync(range, cancellationToken)),
            "order-value" => Rows(kpi, await OrderValueAsync(request.Level, range, cancellationToken)),
            "purchase-frequency" => Rows(kpi, await PurchaseFrequencyAsync(request.Level, range, cancellationToken)),
            "retention" => Rows(kpi, await RetentionAsync(range, cancellationToken)),
            "satisfaction" => Rows(kpi, await SatisfactionAsync(range, cancellationToken)),
            _ => throw new ArgumentException($"No typed read of KPI '{kpi.Name}'.", nameof(request)),
        };
    }

    public abstract Task<IReadOnlyList<CustomerGrowthRow>> CustomerGrowthAsync(DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<TopProductRow>> TopProductsAsync(TimeGrain grain, int top, DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<SellerSalesRow>> SellerSalesAsync(DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<SalesTrendRow>> SalesTrendsAsync(TimeGrain grain, DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<DeliveryTimeRow>> DeliveryTimesAsync(DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<OrderValueRow>> OrderValueAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<PurchaseFrequencyRow>> PurchaseFrequencyAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<RetentionRow>> RetentionAsync(DateRange range, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<SatisfactionRow>> SatisfactionAsync(DateRange range, CancellationToken cancellationToken);

    private static IReadOnlyList<KpiRow> Rows<T>(KpiDefinition kpi, IReadOnlyList<T> views) => [.. views.Select(v => KpiRow.From(kpi, v))];
}
