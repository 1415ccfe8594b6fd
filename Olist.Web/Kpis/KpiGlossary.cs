using Olist.Pipeline.Kpis;

namespace Olist.Web.Kpis;

/// <summary>A defined term: its name and what it means.</summary>
public sealed record GlossaryEntry(string Term, string Meaning);

/// <summary>
/// What every number on the dashboards means, in the words of metrics.md (sections 3 and 4), so analysts can read a
/// definition beside the chart instead of opening the SQL. The KPI summaries come from <see cref="KpiCatalog"/>.
/// </summary>
public static class KpiGlossary
{
    /// <summary>The shared definitions every KPI builds on (metrics.md section 3).</summary>
    public static IReadOnlyList<GlossaryEntry> Shared { get; } =
    [
        new("Sales order", "An order whose status is not canceled and not unavailable. Every KPI counts sales orders only, unless it says otherwise."),
        new("Customer", "A person (customer_unique_id), never customer_id, which is one per order. A customer's location for an order is the state and city of that order's customer row."),
        new("Order date and period", "From the purchase timestamp. Day: YYYY-MM-DD; week: ISO week, labelled by its Monday; month: YYYY-MM; year: YYYY."),
        new("Item revenue", "The price of order items. Freight is their freight_value."),
        new("Order value", "The sum of payment_value over the order's payment rows."),
        new("Units", "The number of order item rows: one row is one unit."),
        new("Date range", "Every KPI takes an optional purchase-date range, inclusive at both ends; the KPI is then computed from the orders purchased in it."),
        new("Percentiles", "Continuous: linear interpolation between the closest ranks, like SQL PERCENTILE_CONT."),
    ];

    private static readonly Dictionary<string, IReadOnlyList<GlossaryEntry>> ColumnMeanings = new(StringComparer.Ordinal)
    {
        ["customer-growth"] =
        [
            new("month", "Calendar month YYYY-MM; every month from the first to the last with a sales order, months without orders as zeros."),
            new("new_customers", "Customers whose first sales order falls in the month."),
            new("cumulative_customers", "Running total of new customers up to and including the month."),
            new("active_customers", "Distinct customers with a sales order in the month."),
            new("growth_pct", "100 × new customers / cumulative customers of the previous month; empty for the first month or when that total is 0."),
        ],
        ["top-products"] =
        [
            new("period", "Day, month or year of the purchase."),
            new("rank", "Rank in the period by units, then revenue, then product id."),
            new("product_id", "The product."),
            new("category", "English category name; the Portuguese name where no translation exists; unknown where the product has none."),
            new("units", "Order item rows of the product in sales orders of the period."),
            new("revenue", "Sum of the items' price."),
        ],
        ["seller-sales"] =
        [
            new("rank", "Rank by revenue, then seller id."),
            new("seller_id", "The seller; only sellers with at least one sales item."),
            new("seller_state", "The seller's state."),
            new("seller_city", "The seller's city."),
            new("orders", "Distinct sales orders with an item of the seller."),
            new("units", "The seller's order item rows."),
            new("revenue", "Sum of the price of the seller's items."),
            new("best_product_id", "The seller's product with most units (ties: higher revenue, then lower product id)."),
            new("best_product_units", "Units of that product."),
        ],
        ["sales-trends"] =
        [
            new("period", "Day, ISO week (its Monday) or month; every period from the first to the last with a sales order."),
            new("orders", "Distinct sales orders."),
            new("revenue", "Sum of the items' price."),
            new("freight", "Sum of the items' freight value."),
            new("payments", "Sum of order value (payments)."),
            new("aov", "Average order value: payments / orders; empty when there are no orders."),
        ],
        ["delivery-times"] =
        [
            new("seller_id", "The seller. An order counts once for each distinct seller among its items."),
            new("delivered_orders", "Orders with status delivered and a delivery date not before the purchase."),
            new("avg_days", "Mean delivery days: (delivered date − purchase time) in seconds / 86,400."),
            new("median_days", "Median delivery days."),
            new("p90_days", "90th percentile of delivery days."),
            new("late_pct", "100 × share of the seller's orders delivered on a day after the estimated delivery day."),
            new("is_outlier", "Among sellers with at least 10 delivered orders: average days above Q3 + 1.5 × (Q3 − Q1) of their averages. Sellers with fewer orders are never outliers."),
        ],
        ["order-value"] =
        [
            new("state", "The customer's state for the order."),
            new("city", "The customer's city (city level only)."),
            new("orders", "Sales orders with at least one payment row."),
            new("revenue", "Sum of order value."),
            new("aov", "Average order value: revenue / orders."),
        ],
        ["purchase-frequency"] =
        [
            new("state", "The customer's state for the order."),
            new("city", "The customer's city (city level only)."),
            new("customers", "Distinct customers with a sales order there."),
            new("orders", "Distinct sales orders."),
            new("frequency", "Orders / customers."),
        ],
        ["retention"] =
        [
            new("cohort", "Month of the customers' first sales order."),
            new("cohort_size", "Customers in the cohort."),
            new("month_offset", "Months after the cohort month, from 0 to the last month with a sales order."),
            new("active_customers", "Cohort customers with a sales order in month cohort + offset."),
            new("retention_pct", "100 × active / cohort size; 100 at offset 0."),
        ],
        ["satisfaction"] =
        [
            new("bucket", "Delivery day minus estimated day, in whole days: early (< 0), on time (0), 1-3, 4-7 or 8+ days late. Delivered orders with a review only."),
            new("orders", "Orders in the bucket."),
            new("avg_review_score", "Mean over the bucket's orders of each order's mean review score."),
            new("share_1_star_pct", "100 × share of the bucket's orders whose score is 1."),
        ],
    };

    /// <summary>The KPI called <paramref name="name"/>.</summary>
    public static KpiDefinition Kpi(string name) =>
        KpiCatalog.All.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"No KPI named '{name}'.", nameof(name));

    /// <summary>What each column of the KPI means, in the column order of its rows.</summary>
    public static IReadOnlyList<GlossaryEntry> Columns(KpiDefinition kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        return ColumnMeanings.TryGetValue(kpi.Name, out var columns) ? columns : [];
    }

    /// <summary>The meaning of one column, for a column header's tooltip.</summary>
    public static string? Meaning(KpiDefinition kpi, string column) =>
        Columns(kpi).FirstOrDefault(c => c.Term == column)?.Meaning;
}
