using Olist.Tests.Warehouse;
using Olist.Web.Kpis;

namespace Olist.Tests.Kpis;

/// <summary>The typed KPI service on a built warehouse: options, ranges (the model rendered with other vars) and JSON keys.</summary>
[Collection(SharedBuiltWarehouse.Name)]
public sealed class KpiServiceTests(BuiltWarehouse warehouse)
{
    /// <summary>The JSON keys of each KPI's rows, copied from metrics.md section 4.</summary>
    public static TheoryData<string, string[]> MetricsColumns => new()
    {
        { "customer-growth", ["month", "new_customers", "cumulative_customers", "active_customers", "growth_pct"] },
        { "top-products", ["period", "rank", "product_id", "category", "units", "revenue"] },
        { "seller-sales", ["rank", "seller_id", "seller_state", "seller_city", "orders", "units", "revenue", "best_product_id", "best_product_units"] },
        { "sales-trends", ["period", "orders", "revenue", "freight", "payments", "aov"] },
        { "delivery-times", ["seller_id", "delivered_orders", "avg_days", "median_days", "p90_days", "late_pct", "is_outlier"] },
        { "order-value", ["state", "city", "orders", "revenue", "aov"] },
        { "purchase-frequency", ["state", "city", "customers", "orders", "frequency"] },
        { "retention", ["cohort", "cohort_size", "month_offset", "active_customers", "retention_pct"] },
        { "satisfaction", ["bucket", "orders", "avg_review_score", "share_1_star_pct"] },
    };

    [Theory]
    [MemberData(nameof(MetricsColumns))]
    public async Task Rows_serialize_with_the_metrics_md_keys(string kpi, string[] columns)
    {
        var result = await warehouse.Kpis.ResultAsync(warehouse.Kpis.Catalog.Parse(kpi, new Dictionary<string, string?>()), CancellationToken.None);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result.Rows, KpiOutput.JsonOptions));

        Assert.NotEmpty(result.Rows);
        Assert.Equal(columns, result.Columns);
        Assert.All(json.RootElement.EnumerateArray(), row => Assert.Equal(columns, row.EnumerateObject().Select(p => p.Name)));
    }

    [Theory]
    [InlineData(TimeGrain.Day, 10)]
    [InlineData(TimeGrain.Month, 7)]
    [InlineData(TimeGrain.Year, 4)]
    public async Task Top_products_keeps_the_top_ranks_of_each_period_at_its_grain(TimeGrain grain, int periodLength)
    {
        var rows = await warehouse.Kpis.TopProductsAsync(grain, 3, DateRange.All, CancellationToken.None);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(periodLength, r.Period.Length));
        Assert.All(rows.GroupBy(r => r.Period), period => Assert.Equal(Enumerable.Range(1, period.Count()), period.Select(r => r.Rank)));
        Assert.All(rows.GroupBy(r => r.Period), period => Assert.True(period.Count() <= 3));
    }

    [Fact]
    public async Task Sales_trends_weeks_are_labelled_by_their_Monday_and_the_grains_agree()
    {
        var weeks = await warehouse.Kpis.SalesTrendsAsync(TimeGrain.Week, DateRange.All, CancellationToken.None);
        var months = await warehouse.Kpis.SalesTrendsAsync(TimeGrain.Month, DateRange.All, CancellationToken.None);

        Assert.All(weeks, w => Assert.Equal(DayOfWeek.Monday, DateOnly.ParseExact(w.Period, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfWeek));
        Assert.Equal(weeks.Sum(w => w.Orders), months.Sum(m => m.Orders));
        Assert.Equal(weeks.Sum(w => w.Payments), months.Sum(m => m.Payments));
    }

    [Fact]
    public async Task Location_levels_give_states_or_cities_of_states()
    {
        var states = await warehouse.Kpis.OrderValueAsync(LocationLevel.State, DateRange.All, CancellationToken.None);
        var cities = await warehouse.Kpis.OrderValueAsync(LocationLevel.City, DateRange.All, CancellationToken.None);

        Assert.All(states, s => Assert.Null(s.City));
        Assert.All(cities, c => Assert.NotNull(c.City));
        Assert.True(cities.Count > states.Count);
        Assert.Equal(states.Sum(s => s.Revenue), cities.Sum(c => c.Revenue));
    }

    [Fact]
    public async Task A_range_covering_every_order_gives_the_table_rows()
    {
        var table = await warehouse.Kpis.CustomerGrowthAsync(DateRange.All, CancellationToken.None);
        var rendered = await warehouse.Kpis.CustomerGrowthAsync(new DateRange(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)), CancellationToken.None);

        Assert.Equal(table, rendered);
    }

    [Fact]
    public async Task A_range_counts_only_the_orders_purchased_in_it()
    {
        var range = new DateRange(new DateOnly(2017, 3, 10), new DateOnly(2017, 5, 20));
        var trends = await warehouse.Kpis.SalesTrendsAsync(TimeGrain.Day, range, CancellationToken.None);
        var growth = await warehouse.Kpis.CustomerGrowthAsync(range, CancellationToken.None);
        var expectedOrders = await warehouse.CountAsync("""
            SELECT COUNT(*) FROM raw.orders
            WHERE order_status NOT IN ('canceled', 'unavailable')
                AND CAST(order_purchase_timestamp AS DATE) BETWEEN DATE '2017-03-10' AND DATE '2017-05-20'
            """);

        Assert.Equal("2017-03-10", trends[0].Period);
        Assert.Equal("2017-05-20", trends[^1].Period);
        Assert.Equal(expectedOrders, trends.Sum(t => t.Orders));
        Assert.Equal(["2017-03", "2017-04", "2017-05"], growth.Select(g => g.Month));
        Assert.Null(growth[0].GrowthPct);
    }

    [Fact]
    public async Task A_grain_the_KPI_does_not_take_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => warehouse.Kpis.TopProductsAsync(TimeGrain.Week, 10, DateRange.All, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => warehouse.Kpis.SalesTrendsAsync(TimeGrain.Year, DateRange.All, CancellationToken.None));
    }
}
