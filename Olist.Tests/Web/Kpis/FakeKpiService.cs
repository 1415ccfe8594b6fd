using Olist.Tests.Kpis;

namespace Olist.Tests.Web.Kpis;

/// <summary>One call the pages made: which KPI, with which options and range.</summary>
internal sealed record KpiCall(string Kpi, TimeGrain? Grain, LocationLevel? Level, int? Top, DateRange Range);

/// <summary>
/// A KPI service with small hand-made rows (or none, when <see cref="Empty"/>), recording every call so tests can check
/// what a page asked for after a filter, grain switch or drill-down.
/// </summary>
internal sealed class FakeKpiService : TypedKpiService
{
    private readonly List<KpiCall> _calls = [];

    /// <summary>Answer every KPI with no rows.</summary>
    public bool Empty { get; set; }

    /// <summary>When set, every KPI fails with it (after recording the call), as a broken warehouse would.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<KpiCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public static IReadOnlyList<SalesTrendRow> Months { get; } =
    [
        new("2017-11", 40, 4000m, 600m, 4800m, 120),
        new("2017-12", 30, 3300m, 450m, 3900m, 130),
        new("2018-01", 50, 5600m, 700m, 6500m, 130),
    ];

    public override Task<IReadOnlyList<CustomerGrowthRow>> CustomerGrowthAsync(DateRange range, CancellationToken cancellationToken) =>
        Answer(new("customer-growth", null, null, null, range), (IReadOnlyList<CustomerGrowthRow>)
        [
            new("2017-11", 40, 40, 40, null),
            new("2017-12", 25, 65, 29, 62.5),
            new("2018-01", 45, 110, 48, 69.23),
        ]);

    public override Task<IReadOnlyList<TopProductRow>> TopProductsAsync(TimeGrain grain, int top, DateRange range, CancellationToken cancellationToken)
    {
        var periods = grain switch
        {
            TimeGrain.Day => new[] { "2018-01-02", "2018-01-03" },
            TimeGrain.Year => ["2017", "2018"],
            _ => ["2017-12", "2018-01"],
        };
        IReadOnlyList<TopProductRow> rows =
        [
            .. periods.SelectMany(period => Enumerable.Range(1, Math.Min(top, 12)).Select(rank =>
                new TopProductRow(period, rank, $"product{rank:00}{period}", rank % 2 == 0 ? "toys" : "health_beauty", 20 - rank, 100m * (20 - rank)))),
        ];
        return Answer(new("top-products", grain, null, top, range), rows);
    }

    public override Task<IReadOnlyList<SellerSalesRow>> SellerSalesAsync(DateRange range, CancellationToken cancellationToken) =>
        Answer(new("seller-sales", null, null, null, range), (IReadOnlyList<SellerSalesRow>)
        [
            .. Enumerable.Range(1, 40).Select(rank => new SellerSalesRow(
                rank, $"seller{rank:00}", rank % 3 == 0 ? "RJ" : "SP", rank % 3 == 0 ? "rio de janeiro" : $"campinas {rank}", 50 - rank, 60 - rank, 1000m - (10 * rank), $"best{rank:00}", 5)),
        ]);

    public override Task<IReadOnlyList<SalesTrendRow>> SalesTrendsAsync(TimeGrain grain, DateRange range, CancellationToken cancellationToken)
    {
        IReadOnlyList<SalesTrendRow> rows = grain switch
        {
            TimeGrain.Day => [.. Enumerable.Range(1, 14).Select(d => new SalesTrendRow($"2018-01-{d:00}", d, 10m * d, 1m * d, 12m * d, 12))],
            TimeGrain.Week => [new("2018-01-01", 20, 2000m, 300m, 2400m, 120), new("2018-01-08", 25, 2600m, 320m, 3000m, 120)],
            _ => Months,
        };
        return Answer(new("sales-trends", grain, null, null, range), rows);
    }

    public override Task<IReadOnlyList<DeliveryTimeRow>> DeliveryTimesAsync(DateRange range, CancellationToken cancellationToken) =>
        Answer(new("delivery-times", null, null, null, range), (IReadOnlyList<DeliveryTimeRow>)
        [
            .. Enumerable.Range(1, 20).Select(i => new DeliveryTimeRow($"seller{i:00}", 10 + i, 8 + (i * 0.5), 8 + (i * 0.4), 12 + i, i, false)),
            new DeliveryTimeRow("slow-seller", 12, 45.5, 44, 60, 80, true),
        ]);

    public override Task<IReadOnlyList<OrderValueRow>> OrderValueAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken) =>
        Answer(new("order-value", null, level, null, range), level == LocationLevel.State
            ? (IReadOnlyList<OrderValueRow>)[new("SP", null, 100, 15000m, 150), new("RJ", null, 50, 8000m, 160), new("MG", null, 30, 4200m, 140)]
            : [new("SP", "sao paulo", 70, 10000m, 142.86), new("SP", "campinas", 30, 5000m, 166.67), new("RJ", "rio de janeiro", 50, 8000m, 160), new("MG", "belo horizonte", 30, 4200m, 140)]);

    public override Task<IReadOnlyList<PurchaseFrequencyRow>> PurchaseFrequencyAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken) =>
        Answer(new("purchase-frequency", null, level, null, range), level == LocationLevel.State
            ? (IReadOnlyList<PurchaseFrequencyRow>)[new("SP", null, 90, 100, 1.11), new("RJ", null, 48, 50, 1.04)]
            : [new("SP", "sao paulo", 62, 70, 1.13), new("SP", "campinas", 28, 30, 1.07), new("RJ", "rio de janeiro", 48, 50, 1.04)]);

    public override Task<IReadOnlyList<RetentionRow>> RetentionAsync(DateRange range, CancellationToken cancellationToken) =>
        Answer(new("retention", null, null, null, range), (IReadOnlyList<RetentionRow>)
        [
            new("2017-11", 40, 0, 40, 100), new("2017-11", 40, 1, 2, 5), new("2017-11", 40, 2, 1, 2.5),
            new("2017-12", 25, 0, 25, 100), new("2017-12", 25, 1, 1, 4),
            new("2018-01", 45, 0, 45, 100),
        ]);

    public override Task<IReadOnlyList<SatisfactionRow>> SatisfactionAsync(DateRange range, CancellationToken cancellationToken) =>
        Answer(new("satisfaction", null, null, null, range), (IReadOnlyList<SatisfactionRow>)
        [
            new("early", 80, 4.3, 5), new("on_time", 10, 4.1, 7), new("late_1_3", 6, 3.2, 20), new("late_4_7", 3, 2.4, 40), new("late_8_plus", 2, 1.8, 60),
        ]);

    private Task<IReadOnlyList<T>> Answer<T>(KpiCall call, IReadOnlyList<T> rows)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }

        return Failure is { } failure
            ? Task.FromException<IReadOnlyList<T>>(failure)
            : Task.FromResult(Empty ? (IReadOnlyList<T>)[] : rows);
    }
}
