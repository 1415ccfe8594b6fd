using System.Text.Json.Serialization;

namespace Olist.Pipeline.Kpis;

/// <summary>A row of customer-growth (metrics.md 4.1): one calendar month.</summary>
public sealed record CustomerGrowthRow(
    [property: JsonPropertyName("month")] string Month,
    [property: JsonPropertyName("new_customers")] long NewCustomers,
    [property: JsonPropertyName("cumulative_customers")] long CumulativeCustomers,
    [property: JsonPropertyName("active_customers")] long ActiveCustomers,
    [property: JsonPropertyName("growth_pct")] double? GrowthPct);

/// <summary>A row of top-products (metrics.md 4.2): one ranked product of one period.</summary>
public sealed record TopProductRow(
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("product_id")] string ProductId,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("units")] long Units,
    [property: JsonPropertyName("revenue")] decimal Revenue);

/// <summary>A row of seller-sales (metrics.md 4.3): one seller, ranked by revenue.</summary>
public sealed record SellerSalesRow(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("seller_id")] string SellerId,
    [property: JsonPropertyName("seller_state")] string? SellerState,
    [property: JsonPropertyName("seller_city")] string? SellerCity,
    [property: JsonPropertyName("orders")] long Orders,
    [property: JsonPropertyName("units")] long Units,
    [property: JsonPropertyName("revenue")] decimal Revenue,
    [property: JsonPropertyName("best_product_id")] string BestProductId,
    [property: JsonPropertyName("best_product_units")] long BestProductUnits);

/// <summary>A row of sales-trends (metrics.md 4.4): one day, week or month.</summary>
public sealed record SalesTrendRow(
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("orders")] long Orders,
    [property: JsonPropertyName("revenue")] decimal Revenue,
    [property: JsonPropertyName("freight")] decimal Freight,
    [property: JsonPropertyName("payments")] decimal Payments,
    [property: JsonPropertyName("aov")] double? Aov);

/// <summary>A row of delivery-times (metrics.md 4.5): one seller's delivery statistics.</summary>
public sealed record DeliveryTimeRow(
    [property: JsonPropertyName("seller_id")] string SellerId,
    [property: JsonPropertyName("delivered_orders")] long DeliveredOrders,
    [property: JsonPropertyName("avg_days")] double AvgDays,
    [property: JsonPropertyName("median_days")] double MedianDays,
    [property: JsonPropertyName("p90_days")] double P90Days,
    [property: JsonPropertyName("late_pct")] double LatePct,
    [property: JsonPropertyName("is_outlier")] bool IsOutlier);

/// <summary>A row of order-value (metrics.md 4.6): one state, or one city of a state.</summary>
public sealed record OrderValueRow(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("orders")] long Orders,
    [property: JsonPropertyName("revenue")] decimal Revenue,
    [property: JsonPropertyName("aov")] double Aov);

/// <summary>A row of purchase-frequency (metrics.md 4.7): one state, or one city of a state.</summary>
public sealed record PurchaseFrequencyRow(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("customers")] long Customers,
    [property: JsonPropertyName("orders")] long Orders,
    [property: JsonPropertyName("frequency")] double Frequency);

/// <summary>A row of retention (metrics.md 4.8): one cohort at one month offset.</summary>
public sealed record RetentionRow(
    [property: JsonPropertyName("cohort")] string Cohort,
    [property: JsonPropertyName("cohort_size")] long CohortSize,
    [property: JsonPropertyName("month_offset")] int MonthOffset,
    [property: JsonPropertyName("active_customers")] long ActiveCustomers,
    [property: JsonPropertyName("retention_pct")] double RetentionPct);

/// <summary>A row of satisfaction (metrics.md 4.9): one delivery-delay bucket.</summary>
public sealed record SatisfactionRow(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("orders")] long Orders,
    [property: JsonPropertyName("avg_review_score")] double AvgReviewScore,
    [property: JsonPropertyName("share_1_star_pct")] double Share1StarPct);
