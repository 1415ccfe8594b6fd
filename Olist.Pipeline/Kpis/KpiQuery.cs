namespace Olist.Pipeline.Kpis;

/// <summary>
/// What one KPI reads from its <c>kpi_*</c> model: the columns in row-record order, the option filters and the row
/// order. The SQL is the same on every warehouse but for the relation and the parameter marker.
/// </summary>
internal sealed record KpiQuery(string Model, string Columns, IReadOnlyList<KpiFilter> Filters, string Order)
{
    /// <summary>The query on <paramref name="relation"/>, parameters written as <paramref name="parameterMarker"/> and their name (<c>$grain</c>, <c>@grain</c>).</summary>
    public string Sql(string relation, string parameterMarker)
    {
        var where = Filters.Count == 0
            ? string.Empty
            : " WHERE " + string.Join(" AND ", Filters.Select(f => $"{f.Column} {f.Operator} {parameterMarker}{f.Parameter}"));
        return $"SELECT {Columns} FROM {relation}{where} ORDER BY {Order}";
    }

    /// <summary>The model's own query rendered for a date range, read in place of its table.</summary>
    public string RangeRelation(string modelSql) => $"({modelSql.TrimEnd().TrimEnd(';')}) AS {Model}";
}

/// <summary>An option filter: <paramref name="Column"/> compared with the query parameter <paramref name="Parameter"/>, whose value is a <paramref name="ValueType"/>.</summary>
internal sealed record KpiFilter(string Column, string Operator, string Parameter, Type ValueType);

/// <summary>The reads of the nine KPIs, in metrics.md order.</summary>
internal static class KpiQueries
{
    public static readonly KpiQuery CustomerGrowth = new(
        "kpi_customer_growth", "month, new_customers, cumulative_customers, active_customers, growth_pct", [], "month");

    public static readonly KpiQuery TopProducts = new(
        "kpi_top_products",
        "period, rank, product_id, category, units, revenue",
        [Grain, new("rank", "<=", "top", typeof(int))],
        "period, rank");

    public static readonly KpiQuery SellerSales = new(
        "kpi_seller_sales", "rank, seller_id, seller_state, seller_city, orders, units, revenue, best_product_id, best_product_units", [], "rank");

    public static readonly KpiQuery SalesTrends = new("kpi_sales_trends", "period, orders, revenue, freight, payments, aov", [Grain], "period");

    public static readonly KpiQuery DeliveryTimes = new(
        "kpi_delivery_times", "seller_id, delivered_orders, avg_days, median_days, p90_days, late_pct, is_outlier", [], "avg_days DESC, seller_id");

    public static readonly KpiQuery OrderValue = new("kpi_order_value", "state, city, orders, revenue, aov", [Level], "state, city");

    public static readonly KpiQuery PurchaseFrequency = new("kpi_purchase_frequency", "state, city, customers, orders, frequency", [Level], "state, city");

    public static readonly KpiQuery Retention = new(
        "kpi_retention", "cohort, cohort_size, month_offset, active_customers, retention_pct", [], "cohort, month_offset");

    public static readonly KpiQuery Satisfaction = new("kpi_satisfaction", "bucket, orders, avg_review_score, share_1_star_pct", [], "bucket_order");

    public static IReadOnlyList<KpiQuery> All { get; } =
        [CustomerGrowth, TopProducts, SellerSales, SalesTrends, DeliveryTimes, OrderValue, PurchaseFrequency, Retention, Satisfaction];

    private static KpiFilter Grain => new("grain", "=", "grain", typeof(string));

    private static KpiFilter Level => new("level", "=", "level", typeof(string));
}
