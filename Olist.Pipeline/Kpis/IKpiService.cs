namespace Olist.Pipeline.Kpis;

/// <summary>Typed access to the nine KPIs of metrics.md, shared by the <c>kpi</c> verb, the HTTP API and the dashboards.</summary>
public interface IKpiService
{
    Task<IReadOnlyList<CustomerGrowthRow>> CustomerGrowthAsync(DateRange range, CancellationToken cancellationToken);

    /// <summary>Grain is day, month or year; <paramref name="top"/> products per period.</summary>
    Task<IReadOnlyList<TopProductRow>> TopProductsAsync(TimeGrain grain, int top, DateRange range, CancellationToken cancellationToken);

    Task<IReadOnlyList<SellerSalesRow>> SellerSalesAsync(DateRange range, CancellationToken cancellationToken);

    /// <summary>Grain is day, week or month.</summary>
    Task<IReadOnlyList<SalesTrendRow>> SalesTrendsAsync(TimeGrain grain, DateRange range, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryTimeRow>> DeliveryTimesAsync(DateRange range, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderValueRow>> OrderValueAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken);

    Task<IReadOnlyList<PurchaseFrequencyRow>> PurchaseFrequencyAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken);

    Task<IReadOnlyList<RetentionRow>> RetentionAsync(DateRange range, CancellationToken cancellationToken);

    Task<IReadOnlyList<SatisfactionRow>> SatisfactionAsync(DateRange range, CancellationToken cancellationToken);
}
