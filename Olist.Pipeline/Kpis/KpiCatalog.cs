using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// The name-based front door to the nine KPIs: parses a KPI name and option strings (from the command line or a query
/// string) into a validated <see cref="KpiRequest"/>, with clear errors listing the allowed values, and runs it.
/// </summary>
public static class KpiCatalog
{
    /// <summary>Default number of products per period of top-products (metrics.md 4.2).</summary>
    public const int DefaultTop = 10;

    /// <summary>The largest <c>top</c> accepted.</summary>
    public const int MaxTop = 1000;

    private static readonly TimeGrain[] NoGrains = [];

    /// <summary>The nine KPIs in metrics.md order.</summary>
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new(
            "customer-growth",
            "Monthly customer growth",
            "Per month: customers whose first sales order falls in it (new), their running total, customers with a sales order in it (active), and new as a percentage of the previous month's total.",
            typeof(CustomerGrowthRow),
            NoGrains,
            null,
            false,
            false,
            async (s, r, c) => [.. await s.CustomerGrowthAsync(r.Range, c)]),
        new(
            "top-products",
            "Top-selling products",
            "Per period, products ranked by units (item rows) sold in sales orders, then revenue (sum of price), then product id.",
            typeof(TopProductRow),
            [TimeGrain.Day, TimeGrain.Month, TimeGrain.Year],
            TimeGrain.Month,
            false,
            true,
            async (s, r, c) => [.. await s.TopProductsAsync(r.Grain, r.Top, r.Range, c)]),
        new(
            "seller-sales",
            "Sales by seller",
            "Per seller with sales items: distinct sales orders, units, revenue (sum of price) and the best-selling product, ranked by revenue.",
            typeof(SellerSalesRow),
            NoGrains,
            null,
            false,
            false,
            async (s, r, c) => [.. await s.SellerSalesAsync(r.Range, c)]),
        new(
            "sales-trends",
            "Sales trends",
            "Per period: sales orders, revenue (sum of price), freight, payments (sum of order value) and average order value (payments / orders); periods without orders are zero.",
            typeof(SalesTrendRow),
            [TimeGrain.Day, TimeGrain.Week, TimeGrain.Month],
            TimeGrain.Month,
            false,
            false,
            async (s, r, c) => [.. await s.SalesTrendsAsync(r.Grain, r.Range, c)]),
        new(
            "delivery-times",
            "Delivery time by seller",
            "Per seller, delivered orders (delivery not before purchase): mean, median and 90th percentile of delivery days, share delivered after the estimated day, and outliers by the 1.5 IQR rule among sellers with at least 10 orders.",
            typeof(DeliveryTimeRow),
            NoGrains,
            null,
            false,
            false,
            async (s, r, c) => [.. await s.DeliveryTimesAsync(r.Range, c)]),
        new(
            "order-value",
            "Average order value",
            "Sales orders with at least one payment, by the customer's state (or state and city): orders, revenue (sum of order value) and revenue / orders.",
            typeof(OrderValueRow),
            NoGrains,
            null,
            true,
            false,
            async (s, r, c) => [.. await s.OrderValueAsync(r.Level, r.Range, c)]),
        new(
            "purchase-frequency",
            "Purchase frequency",
            "By the customer's state (or state and city): distinct customers with a sales order there, sales orders, and orders / customers.",
            typeof(PurchaseFrequencyRow),
            NoGrains,
            null,
            true,
            false,
            async (s, r, c) => [.. await s.PurchaseFrequencyAsync(r.Level, r.Range, c)]),
        new(
            "retention",
            "Customer retention",
            "Per cohort (month of a customer's first sales order) and month offset: cohort customers with a sales order in that month, as a percentage of the cohort.",
            typeof(RetentionRow),
            NoGrains,
            null,
            false,
            false,
            async (s, r, c) => [.. await s.RetentionAsync(r.Range, c)]),
        new(
            "satisfaction",
            "Review score by delivery delay",
            "Delivered orders with a review, by delivery day minus estimated day (early, on time, 1-3, 4-7, 8+ days late): orders, mean review score, share of 1-star orders.",
            typeof(SatisfactionRow),
            NoGrains,
            null,
            false,
            false,
            async (s, r, c) => [.. await s.SatisfactionAsync(r.Range, c)]),
    ];

    /// <summary>The KPI names, as accepted by <see cref="Parse"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>
    /// Validates <paramref name="name"/> and <paramref name="options"/> (grain, level, top, from, to; a null or empty value
    /// counts as not given) into a request with defaults filled in.
    /// </summary>
    /// <exception cref="KpiRequestException">The KPI or an option is unknown, does not apply, or has a bad value.</exception>
    public static KpiRequest Parse(string? name, IReadOnlyDictionary<string, string?> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kpi = All.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new KpiRequestException("name", $"unknown KPI '{name}'", Names);
        var given = options.Where(o => !string.IsNullOrWhiteSpace(o.Value)).ToDictionary(o => o.Key, o => o.Value!.Trim(), StringComparer.OrdinalIgnoreCase);
        foreach (var option in given.Keys.Where(o => !kpi.Options.Contains(o, StringComparer.OrdinalIgnoreCase)))
        {
            throw new KpiRequestException(option, $"{kpi.Name} does not take option '{option}'", kpi.Options);
        }

        var grain = given.TryGetValue("grain", out var g) ? ParseChoice(g, "grain", kpi.Name, kpi.Grains, KpiService.Label) : kpi.DefaultGrain ?? TimeGrain.Month;
        var level = given.TryGetValue("level", out var l) ? ParseChoice(l, "level", kpi.Name, Enum.GetValues<LocationLevel>(), KpiService.Label) : LocationLevel.State;
        var top = given.TryGetValue("top", out var t) ? ParseTop(t) : DefaultTop;
        var from = given.TryGetValue("from", out var f) ? ParseDate(f, "from") : (DateOnly?)null;
        var to = given.TryGetValue("to", out var e) ? ParseDate(e, "to") : (DateOnly?)null;
        if (from > to)
        {
            throw new KpiRequestException("from", $"from ({f}) is after to ({e})", []);
        }

        return new KpiRequest(kpi, grain, level, top, new DateRange(from, to));
    }

    /// <summary>Runs a validated request and returns its rows with the column names of metrics.md.</summary>
    public static async Task<KpiResult> RunAsync(IKpiService service, KpiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await request.Kpi.FetchAsync(service, request, cancellationToken);
        return new KpiResult(request.Kpi.Name, Columns(request.Kpi.RowType), rows);
    }

    /// <summary>The JSON property names of a row record in declaration order: the metrics.md columns.</summary>
    public static IReadOnlyList<string> Columns(Type rowType)
    {
        ArgumentNullException.ThrowIfNull(rowType);
        return [.. rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.MetadataToken)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name)];
    }

    private static T ParseChoice<T>(string value, string option, string kpi, IReadOnlyList<T> allowed, Func<T, string> label)
        where T : struct, Enum
    {
        foreach (var choice in allowed.Where(a => string.Equals(label(a), value, StringComparison.OrdinalIgnoreCase)))
        {
            return choice;
        }

        throw new KpiRequestException(option, $"{kpi} does not take {option} '{value}'", [.. allowed.Select(label)]);
    }

    private static int ParseTop(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= MaxTop
            ? top
            : throw new KpiRequestException("top", $"top must be a whole number from 1 to {MaxTop}, not '{value}'", []);

    private static DateOnly ParseDate(string value, string option) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new KpiRequestException(option, $"{option} must be a date YYYY-MM-DD, not '{value}'", []);
}
