namespace Olist.Pipeline.Kpis;

/// <summary>
/// Typed views of the nine KPIs of metrics.md for the code that computes with them (the dashboards, the overview, the
/// reference tests): each reads the KPI's rows through <see cref="IKpiService.ReadAsync"/> and binds them by column name
/// (<see cref="KpiRow.As{T}"/>), so a view names the columns it uses and nothing else; a KPI needs no view.
/// </summary>
public static class KpiViews
{
    public static Task<IReadOnlyList<CustomerGrowthRow>> CustomerGrowthAsync(this IKpiService kpis, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<CustomerGrowthRow>("customer-growth", range, cancellationToken);

    /// <summary>Grain is day, month or year; <paramref name="top"/> products per period.</summary>
    public static Task<IReadOnlyList<TopProductRow>> TopProductsAsync(this IKpiService kpis, TimeGrain grain, int top, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<TopProductRow>("top-products", range, cancellationToken, grain, top: top);

    public static Task<IReadOnlyList<SellerSalesRow>> SellerSalesAsync(this IKpiService kpis, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<SellerSalesRow>("seller-sales", range, cancellationToken);

    /// <summary>Grain is day, week or month.</summary>
    public static Task<IReadOnlyList<SalesTrendRow>> SalesTrendsAsync(this IKpiService kpis, TimeGrain grain, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<SalesTrendRow>("sales-trends", range, cancellationToken, grain);

    public static Task<IReadOnlyList<DeliveryTimeRow>> DeliveryTimesAsync(this IKpiService kpis, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<DeliveryTimeRow>("delivery-times", range, cancellationToken);

    public static Task<IReadOnlyList<OrderValueRow>> OrderValueAsync(this IKpiService kpis, LocationLevel level, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<OrderValueRow>("order-value", range, cancellationToken, level: level);

    public static Task<IReadOnlyList<PurchaseFrequencyRow>> PurchaseFrequencyAsync(
        this IKpiService kpis, LocationLevel level, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<PurchaseFrequencyRow>("purchase-frequency", range, cancellationToken, level: level);

    public static Task<IReadOnlyList<RetentionRow>> RetentionAsync(this IKpiService kpis, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<RetentionRow>("retention", range, cancellationToken);

    public static Task<IReadOnlyList<SatisfactionRow>> SatisfactionAsync(this IKpiService kpis, DateRange range, CancellationToken cancellationToken) =>
        kpis.ViewAsync<SatisfactionRow>("satisfaction", range, cancellationToken);

    /// <summary>The rows of the KPI called <paramref name="name"/> for typed options, each bound to a <typeparamref name="T"/>.</summary>
    public static async Task<IReadOnlyList<T>> ViewAsync<T>(
        this IKpiService kpis,
        string name,
        DateRange range,
        CancellationToken cancellationToken,
        TimeGrain? grain = null,
        LocationLevel? level = null,
        int? top = null)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        var rows = await kpis.ReadAsync(kpis.Catalog.Request(name, range, grain, level, top), cancellationToken);
        return [.. rows.Select(r => r.As<T>())];
    }
}
