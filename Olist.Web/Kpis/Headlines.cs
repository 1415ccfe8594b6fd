using Microsoft.Extensions.Caching.Memory;

namespace Olist.Web.Kpis;

/// <summary>One headline figure of the overview: its value in the latest month, the change against the month before, and its recent trend.</summary>
/// <param name="Name">A stable key (tests, links).</param>
/// <param name="Label">What it is.</param>
/// <param name="Kpi">The KPI page that explains it.</param>
/// <param name="Period">The month the value is of.</param>
/// <param name="Value">The value in <paramref name="Period"/>.</param>
/// <param name="Previous">The value in the period before, if any.</param>
/// <param name="Trend">The last months' values, oldest first, for a sparkline.</param>
/// <param name="HigherIsBetter">Whether a rise is good news.</param>
public sealed record Headline(
    string Name,
    string Label,
    string Kpi,
    string Period,
    double? Value,
    double? Previous,
    IReadOnlyList<(string Period, double? Value)> Trend,
    bool HigherIsBetter = true)
{
    /// <summary>The change against the previous period in percent.</summary>
    public double? Change => KpiMath.PercentChange(Value, Previous);
}

/// <summary>
/// Reads the overview's six headline figures for the latest month with sales orders in a range: sales orders, revenue and
/// average order value (sales-trends), active customers (customer-growth), month-1 retention of the latest cohort that
/// has a month 1 (retention), and average delivery days (delivery-times of each month). A month's delivery days are kept
/// per version of the warehouse's models (<see cref="IWarehouse.ModelsVersion"/>), so a build is never hidden by them.
/// </summary>
public sealed class HeadlineReader(IKpiService kpis, IMemoryCache cache, IWarehouse warehouse)
{
    /// <summary>How long a month's delivery days are reused: a month of orders changes only by the nightly build or live deliveries.</summary>
    public static readonly TimeSpan DeliveryCacheTime = TimeSpan.FromMinutes(10);

    /// <summary>How many months the sparklines show.</summary>
    public const int TrendMonths = 12;

    /// <summary>
    /// The five headlines that come from whole-range KPI tables (all but delivery days), or none when the range has no sales
    /// order; the months of the first one's trend are those <see cref="ReadDeliveryAsync"/> takes.
    /// </summary>
    public async Task<IReadOnlyList<Headline>> ReadAsync(DateRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var months = (await kpis.SalesTrendsAsync(TimeGrain.Month, range, cancellationToken)).ToList();
        while (months.Count > 0 && months[^1].Orders == 0)
        {
            months.RemoveAt(months.Count - 1);
        }

        if (months.Count == 0)
        {
            return [];
        }

        var recent = months.TakeLast(TrendMonths).ToList();
        var growth = (await kpis.CustomerGrowthAsync(range, cancellationToken)).ToDictionary(g => g.Month, g => (double)g.ActiveCustomers);
        var cohorts = (await kpis.RetentionAsync(range, cancellationToken)).Where(r => r.MonthOffset == 1).TakeLast(TrendMonths)
            .Select(r => (r.Cohort, (double?)r.RetentionPct)).ToList();
        return
        [
            Monthly("orders", "Sales orders", "sales-trends", recent, m => m.Orders),
            Monthly("revenue", "Revenue", "sales-trends", recent, m => (double)m.Revenue),
            Monthly("aov", "Average order value", "order-value", recent, m => m.Aov),
            Monthly("customers", "Active customers", "customer-growth", recent, m => growth.TryGetValue(m.Period, out var active) ? active : null),
            FromTrend("retention", "Month-1 retention", "retention", cohorts),
        ];
    }

    /// <summary>The months <see cref="ReadDeliveryAsync"/> takes for <paramref name="headlines"/> of <see cref="ReadAsync"/>: those of the first one's trend.</summary>
    public static IReadOnlyList<string> DeliveryMonths(IReadOnlyList<Headline> headlines)
    {
        ArgumentNullException.ThrowIfNull(headlines);
        return headlines.Count == 0 ? [] : [.. headlines[0].Trend.Select(t => t.Period)];
    }

    /// <summary>
    /// Average delivery days per month (<paramref name="months"/>, <c>YYYY-MM</c>): delivery-times runs once per month,
    /// which takes longer than the other headlines, so the overview shows it when it arrives.
    /// </summary>
    public async Task<Headline> ReadDeliveryAsync(IReadOnlyList<string> months, DateRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(range);
        // One month after the other: on a small machine parallel runs of the model only compete for the same cores.
        var means = new List<double?>(months.Count);
        foreach (var month in months)
        {
            means.Add(await DeliveryDaysAsync(month, range, cancellationToken));
        }

        return FromTrend("delivery", "Average delivery days", "delivery-times", [.. months.Zip(means)], higherIsBetter: false);
    }

    private static Headline Monthly(
        string name, string label, string kpi, List<SalesTrendRow> months, Func<SalesTrendRow, double?> value, bool higherIsBetter = true) =>
        FromTrend(name, label, kpi, months.Select(m => (m.Period, value(m))).ToList(), higherIsBetter);

    private static Headline FromTrend(string name, string label, string kpi, List<(string Period, double? Value)> trend, bool higherIsBetter = true) =>
        new(
            name,
            label,
            kpi,
            trend.Count > 0 ? trend[^1].Period : string.Empty,
            trend.Count > 0 ? trend[^1].Value : null,
            trend.Count > 1 ? trend[^2].Value : null,
            trend,
            higherIsBetter);

    /// <summary>
    /// The mean delivery days over the seller orders delivered from purchases of <paramref name="month"/> (clipped to the
    /// range), weighting each seller's mean by its delivered orders.
    /// </summary>
    private async Task<double?> DeliveryDaysAsync(string month, DateRange range, CancellationToken cancellationToken)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var monthRange = new DateRange(Max(first, range.From), Min(first.AddMonths(1).AddDays(-1), range.To));
        // The version is read before the query, as KpiResultCache does: a build during it leaves the mean under the old version.
        var key = new DeliveryKey(warehouse.ModelsVersion, monthRange);
        if (cache.TryGetValue(key, out double? cached))
        {
            return cached;
        }

        var sellers = await kpis.DeliveryTimesAsync(monthRange, cancellationToken);
        var orders = sellers.Sum(s => s.DeliveredOrders);
        double? mean = orders == 0 ? null : sellers.Sum(s => s.AvgDays * s.DeliveredOrders) / orders;
        return cache.Set(key, mean, DeliveryCacheTime);
    }

    private static DateOnly Max(DateOnly date, DateOnly? bound) => bound is { } b && b > date ? b : date;

    private static DateOnly Min(DateOnly date, DateOnly? bound) => bound is { } b && b < date ? b : date;

    /// <summary>A month's delivery days in the cache: the month (clipped to the range) for one version of the models.</summary>
    private sealed record DeliveryKey(long ModelsVersion, DateRange Month);
}
