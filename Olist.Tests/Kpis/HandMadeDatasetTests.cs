namespace Olist.Tests.Kpis;

/// <summary>
/// Each KPI of metrics.md section 4 over <see cref="HandMadeDataset"/>, with the expected rows worked out by hand
/// (the arithmetic is in the comments). Passing for the reference proves the reference; passing for the pipeline
/// proves the warehouse.
/// </summary>
public sealed class HandMadeDatasetTests(HandMadeDataset dataset) : IClassFixture<HandMadeDataset>
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> Sources => new(KpiSources.All);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Customer_growth_counts_persons_by_first_sales_order_and_keeps_the_empty_month(string source) => ExpectAsync(
        source,
        kpis => kpis.CustomerGrowthAsync(DateRange.All, None),
        KpiAssert.Equal,
        [
            // Jan: o1 (u1), o2 (u2); o3 is canceled so u6 never counts. Growth null: first month.
            new("2018-01", 2, 2, 2, null),
            // Feb: only o4, unavailable: a gap month. 100 * 0 / 2.
            new("2018-02", 0, 2, 0, 0.0),
            // Mar: o5 (u1 again, not new), o6 (u3), o7 (u4), o8 (u5); o10 is quarantined. 100 * 3 / 2.
            new("2018-03", 3, 5, 4, 150.0),
            // Apr: o9 is u2's second customer_id c9: active, not new. 100 * 0 / 5.
            new("2018-04", 0, 5, 1, 0.0),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Top_products_by_month_rank_units_then_revenue_then_product_id(string source) => ExpectAsync(
        source,
        kpis => kpis.TopProductsAsync(TimeGrain.Month, 10, DateRange.All, None),
        KpiAssert.Equal,
        [
            // Jan: p1 in o1 (100.00, the last copy of item 1) and o2 (100.00); p2 in o1. o3's p3 is canceled.
            new("2018-01", 1, "p1", "health_beauty", 2, 200.00m),
            new("2018-01", 2, "p2", "sports_leisure", 1, 50.00m),
            // Mar: p3 twice in o5 (30 + 30); then one unit each, by revenue: p6 200, p2 50, p4 15 and p5 15 tied -> id order.
            new("2018-03", 1, "p3", "computers_accessories", 2, 60.00m),
            new("2018-03", 2, "p6", "pc_gamer", 1, 200.00m),
            new("2018-03", 3, "p2", "sports_leisure", 1, 50.00m),
            new("2018-03", 4, "p4", "unknown", 1, 15.00m),
            new("2018-03", 5, "p5", "unknown", 1, 15.00m),
            // Apr: o9. o10's p1 (77.00) is quarantined with its order.
            new("2018-04", 1, "p1", "health_beauty", 1, 90.00m),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Top_products_by_year_cut_at_top(string source) => ExpectAsync(
        source,
        kpis => kpis.TopProductsAsync(TimeGrain.Year, 3, DateRange.All, None),
        KpiAssert.Equal,
        [
            // p1: 100 + 100 + 90 = 290 over 3 units; p2: 50 + 50 = 100 over 2; p3: 30 + 30 = 60 over 2. p6, p4, p5 cut.
            new("2018", 1, "p1", "health_beauty", 3, 290.00m),
            new("2018", 2, "p2", "sports_leisure", 2, 100.00m),
            new("2018", 3, "p3", "computers_accessories", 2, 60.00m),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Top_products_by_day_have_only_days_with_sales(string source) => ExpectAsync(
        source,
        kpis => kpis.TopProductsAsync(TimeGrain.Day, 10, DateRange.All, None),
        KpiAssert.Equal,
        [
            new("2018-01-05", 1, "p1", "health_beauty", 1, 100.00m),
            new("2018-01-05", 2, "p2", "sports_leisure", 1, 50.00m),
            new("2018-01-20", 1, "p1", "health_beauty", 1, 100.00m),
            new("2018-03-03", 1, "p3", "computers_accessories", 2, 60.00m),
            new("2018-03-03", 2, "p4", "unknown", 1, 15.00m),
            new("2018-03-15", 1, "p2", "sports_leisure", 1, 50.00m),
            new("2018-03-20", 1, "p5", "unknown", 1, 15.00m),
            new("2018-03-28", 1, "p6", "pc_gamer", 1, 200.00m),
            new("2018-04-02", 1, "p1", "health_beauty", 1, 90.00m),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Seller_sales_rank_by_revenue_with_best_product(string source) => ExpectAsync(
        source,
        kpis => kpis.SellerSalesAsync(DateRange.All, None),
        KpiAssert.Equal,
        [
            // s2: o2 p1 100 + o5 p3 30 + 30 + o8 p6 200 = 360.00, 4 units, 3 orders; best p3 (2 units). o3's 999.00 is canceled.
            new(1, "s2", "SP", "sao paulo", 3, 4, 360.00m, "p3", 2),
            // s1: o1 p1 100 + p2 50, o6 p2 50, o7 p5 15, o9 p1 90 = 305.00, 5 units, 4 orders.
            // p1 and p2 both 2 units; p1 wins on revenue (190 > 100).
            new(2, "s1", "SP", "campinas", 4, 5, 305.00m, "p1", 2),
            // s3 is in no file: kept, no location.
            new(3, "s3", null, null, 1, 1, 15.00m, "p4", 1),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Sales_trends_by_month_include_the_empty_month(string source) => ExpectAsync(
        source,
        kpis => kpis.SalesTrendsAsync(TimeGrain.Month, DateRange.All, None),
        KpiAssert.Equal,
        [
            // o1 + o2: revenue 100 + 50 + 100, freight 10 + 5 + 20, payments 165 (120 + 45) + 120; aov 285 / 2.
            new("2018-01", 2, 250.00m, 35.00m, 285.00m, 142.5),
            new("2018-02", 0, 0m, 0m, 0m, null),
            // o5 + o6 + o7 + o8: revenue 75 + 50 + 15 + 200, freight 17 + 8 + 5 + 15, payments 92 + 0 (o6 has none) + 20 + 215; aov 327 / 4.
            new("2018-03", 4, 340.00m, 45.00m, 327.00m, 81.75),
            new("2018-04", 1, 90.00m, 10.00m, 100.00m, 100.0),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Sales_trends_by_week_are_labelled_by_monday_with_every_week_between(string source) => ExpectAsync(
        source,
        kpis => kpis.SalesTrendsAsync(TimeGrain.Week, DateRange.All, None),
        KpiAssert.Equal,
        [
            new("2018-01-01", 1, 150.00m, 15.00m, 165.00m, 165.0), // o1, Friday 5 Jan
            new("2018-01-08", 0, 0m, 0m, 0m, null),
            new("2018-01-15", 1, 100.00m, 20.00m, 120.00m, 120.0), // o2, Saturday 20 Jan
            new("2018-01-22", 0, 0m, 0m, 0m, null),
            new("2018-01-29", 0, 0m, 0m, 0m, null),
            new("2018-02-05", 0, 0m, 0m, 0m, null),                // o4 (unavailable) only
            new("2018-02-12", 0, 0m, 0m, 0m, null),
            new("2018-02-19", 0, 0m, 0m, 0m, null),
            new("2018-02-26", 1, 75.00m, 17.00m, 92.00m, 92.0),    // o5, Saturday 3 Mar belongs to the week of Monday 26 Feb
            new("2018-03-05", 0, 0m, 0m, 0m, null),
            new("2018-03-12", 1, 50.00m, 8.00m, 0m, 0.0),          // o6 without payments: aov 0 / 1
            new("2018-03-19", 1, 15.00m, 5.00m, 20.00m, 20.0),     // o7
            new("2018-03-26", 1, 200.00m, 15.00m, 215.00m, 215.0), // o8
            new("2018-04-02", 1, 90.00m, 10.00m, 100.00m, 100.0),  // o9, a Monday
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Sales_trends_by_day_run_from_first_to_last_sales_day(string source)
    {
        var kpis = await dataset.KpisAsync(source);
        var rows = await kpis.SalesTrendsAsync(TimeGrain.Day, DateRange.All, None);

        // 5 Jan to 2 Apr: 27 days of January, 28 of February, 31 of March, 2 of April.
        Assert.Equal(88, rows.Count);
        KpiAssert.Equal(
            [
                new("2018-01-05", 1, 150.00m, 15.00m, 165.00m, 165.0),
                new("2018-01-20", 1, 100.00m, 20.00m, 120.00m, 120.0),
                new("2018-03-03", 1, 75.00m, 17.00m, 92.00m, 92.0),
                new("2018-03-15", 1, 50.00m, 8.00m, 0m, 0.0),
                new("2018-03-20", 1, 15.00m, 5.00m, 20.00m, 20.0),
                new("2018-03-28", 1, 200.00m, 15.00m, 215.00m, 215.0),
                new("2018-04-02", 1, 90.00m, 10.00m, 100.00m, 100.0),
            ],
            rows.Where(r => r.Orders > 0).ToList());
        Assert.All(rows.Where(r => r.Orders == 0), r => Assert.Equal(new SalesTrendRow(r.Period, 0, 0m, 0m, 0m, null), r));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Sales_trends_within_a_date_range(string source) => ExpectAsync(
        source,
        kpis => kpis.SalesTrendsAsync(TimeGrain.Month, new DateRange(new DateOnly(2018, 1, 10), new DateOnly(2018, 3, 16)), None),
        KpiAssert.Equal,
        [
            new("2018-01", 1, 100.00m, 20.00m, 120.00m, 120.0), // o2 only: o1 (5 Jan) is before the range
            new("2018-02", 0, 0m, 0m, 0m, null),
            new("2018-03", 2, 125.00m, 25.00m, 92.00m, 46.0),   // o5 + o6 (15 Mar, inclusive end 16 Mar): 75 + 50, 17 + 8, 92 + 0; 92 / 2
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Delivery_times_count_each_order_once_per_seller_and_skip_deliveries_before_purchase(string source) => ExpectAsync(
        source,
        kpis => kpis.DeliveryTimesAsync(DateRange.All, None),
        KpiAssert.Equal,
        [
            // s1: o1 only, 10 Jan 10:00 - 5 Jan 10:00 = 5 days, delivered day 10 Jan before estimate 15 Jan.
            // o7 (delivered the day before purchase) is excluded; o6 and o9 are not delivered.
            new("s1", 1, 5.0, 5.0, 5.0, 0.0, false),
            // s2: o2 2.5 days (8:00 to 20:00 two days later), o5 10 days (counted once for its two s2 items),
            // o8 12.5 days (28 Mar 23:30 to 10 Apr 11:30). avg 25 / 3; median 10; p90 at rank 0.9 * 2 = 1.8: 10 + 0.8 * 2.5 = 12.
            // late: o5 (13 Mar > 10 Mar) and o8 (10 Apr > 1 Apr), not o2 (22 Jan = 22 Jan): 100 * 2 / 3.
            new("s2", 3, 25.0 / 3, 10.0, 12.0, 200.0 / 3, false),
            // s3: o5, 10 days, late.
            new("s3", 1, 10.0, 10.0, 10.0, 100.0, false),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Order_value_by_state_uses_paid_sales_orders(string source) => ExpectAsync(
        source,
        kpis => kpis.OrderValueAsync(LocationLevel.State, DateRange.All, None),
        KpiAssert.Equal,
        [
            new("MG", null, 1, 20.00m, 20.0),               // o7
            new("RJ", null, 2, 220.00m, 110.0),             // o2 120 + o9 100
            new("SP", null, 3, 472.00m, 472.0 / 3),         // o1 165 + o5 92 + o8 215; o6 has no payment
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Order_value_by_city_folds_accents_and_spacing(string source) => ExpectAsync(
        source,
        kpis => kpis.OrderValueAsync(LocationLevel.City, DateRange.All, None),
        KpiAssert.Equal,
        [
            new("MG", "belo horizonte", 1, 20.00m, 20.0),
            new("RJ", "niteroi", 1, 100.00m, 100.0),        // o9, 'Niterói'
            new("RJ", "rio de janeiro", 1, 120.00m, 120.0), // o2 through the last copy of c3
            new("SP", "sao paulo", 3, 472.00m, 472.0 / 3),  // 'São Paulo' (o1), 'sao  paulo ' (o5), 'SÃO PAULO' (o8)
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Purchase_frequency_by_state_counts_persons(string source) => ExpectAsync(
        source,
        kpis => kpis.PurchaseFrequencyAsync(LocationLevel.State, DateRange.All, None),
        KpiAssert.Equal,
        [
            new("MG", null, 1, 1, 1.0),
            new("RJ", null, 1, 2, 2.0),                     // u2 with o2 (c3) and o9 (c9); u6's o3 is canceled
            new("SP", null, 3, 4, 4.0 / 3),                 // u1 (o1, o5), u3 (o6), u5 (o8)
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Purchase_frequency_by_city(string source) => ExpectAsync(
        source,
        kpis => kpis.PurchaseFrequencyAsync(LocationLevel.City, DateRange.All, None),
        KpiAssert.Equal,
        [
            new("MG", "belo horizonte", 1, 1, 1.0),
            new("RJ", "niteroi", 1, 1, 1.0),
            new("RJ", "rio de janeiro", 1, 1, 1.0),
            new("SP", "campinas", 1, 1, 1.0),
            new("SP", "sao paulo", 2, 3, 1.5),              // u1 (o1, o5) and u5 (o8)
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Retention_follows_each_cohort_to_the_last_sales_month(string source) => ExpectAsync(
        source,
        kpis => kpis.RetentionAsync(DateRange.All, None),
        KpiAssert.Equal,
        [
            // Cohort Jan: u1, u2. Feb nobody; Mar u1 (o5); Apr u2 (o9). Last sales month Apr: offsets 0..3.
            new("2018-01", 2, 0, 2, 100.0),
            new("2018-01", 2, 1, 0, 0.0),
            new("2018-01", 2, 2, 1, 50.0),
            new("2018-01", 2, 3, 1, 50.0),
            // Cohort Mar: u3, u4, u5; none buys in Apr.
            new("2018-03", 3, 0, 3, 100.0),
            new("2018-03", 3, 1, 0, 0.0),
        ]);

    [Theory]
    [MemberData(nameof(Sources))]
    public Task Satisfaction_buckets_delivered_reviewed_orders_by_delay(string source) => ExpectAsync(
        source,
        kpis => kpis.SatisfactionAsync(DateRange.All, None),
        KpiAssert.Equal,
        [
            // o1: 10 Jan - 15 Jan = -5, reviews r1 5 and r5 3 -> 4. o7: 19 Mar - 30 Mar = -11 (4.9 does not drop
            // deliveries before purchase), r5 3. Mean (4 + 3) / 2.
            new("early", 2, 3.5, 0.0),
            // o2: 22 Jan - 22 Jan = 0; r2 (last copy, 4) and r3 (2) -> 3.
            new("on_time", 1, 3.0, 0.0),
            // o5: 13 Mar - 10 Mar = 3, r4 1.
            new("late_1_3", 1, 1.0, 100.0),
            // o8: 10 Apr - 1 Apr = 9, r6 2. No order is 4 to 7 days late: no late_4_7 row.
            new("late_8_plus", 1, 2.0, 0.0),
        ]);

    /// <summary>Asks <paramref name="source"/>'s KPIs <paramref name="query"/> and checks the rows against <paramref name="expected"/> with <paramref name="assertEqual"/>.</summary>
    private async Task ExpectAsync<T>(
        string source, Func<IKpiService, Task<IReadOnlyList<T>>> query, Action<IReadOnlyList<T>, IReadOnlyList<T>> assertEqual, IReadOnlyList<T> expected) =>
        assertEqual(expected, await query(await dataset.KpisAsync(source)));
}
