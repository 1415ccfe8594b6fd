namespace Olist.Pipeline.Kpis;

/// <summary>The view of a row of customer-growth (metrics.md 4.1): one calendar month.</summary>
public sealed record CustomerGrowthRow(
    string Month,
    long NewCustomers,
    long CumulativeCustomers,
    long ActiveCustomers,
    double? GrowthPct);

/// <summary>The view of a row of top-products (metrics.md 4.2): one ranked product of one period.</summary>
public sealed record TopProductRow(
    string Period,
    int Rank,
    string ProductId,
    string Category,
    long Units,
    decimal Revenue);

/// <summary>The view of a row of seller-sales (metrics.md 4.3): one seller, ranked by revenue.</summary>
public sealed record SellerSalesRow(
    int Rank,
    string SellerId,
    string? SellerState,
    string? SellerCity,
    long Orders,
    long Units,
    decimal Revenue,
    string BestProductId,
    long BestProductUnits);

/// <summary>The view of a row of sales-trends (metrics.md 4.4): one day, week or month.</summary>
public sealed record SalesTrendRow(
    string Period,
    long Orders,
    decimal Revenue,
    decimal Freight,
    decimal Payments,
    double? Aov);

/// <summary>The view of a row of delivery-times (metrics.md 4.5): one seller's delivery statistics.</summary>
public sealed record DeliveryTimeRow(
    string SellerId,
    long DeliveredOrders,
    double AvgDays,
    double MedianDays,
    double P90Days,
    double LatePct,
    bool IsOutlier);

/// <summary>The view of a row of order-value (metrics.md 4.6): one state, or one city of a state.</summary>
public sealed record OrderValueRow(
    string State,
    string? City,
    long Orders,
    decimal Revenue,
    double Aov);

/// <summary>The view of a row of purchase-frequency (metrics.md 4.7): one state, or one city of a state.</summary>
public sealed record PurchaseFrequencyRow(
    string State,
    string? City,
    long Customers,
    long Orders,
    double Frequency);

/// <summary>The view of a row of retention (metrics.md 4.8): one cohort at one month offset.</summary>
public sealed record RetentionRow(
    string Cohort,
    long CohortSize,
    int MonthOffset,
    long ActiveCustomers,
    double RetentionPct);

/// <summary>The view of a row of satisfaction (metrics.md 4.9): one delivery-delay bucket.</summary>
public sealed record SatisfactionRow(
    string Bucket,
    long Orders,
    double AvgReviewScore,
    double Share1StarPct);
