namespace Olist.Tests.Warehouse;

/// <summary>
/// Staging unions the live stream's tables (metrics.md rule 9: a live event is newer than any batch row, among events the
/// latest event time wins), so after a build the facts and KPIs hold the live orders and agree with the live figures.
/// </summary>
public sealed class LiveStreamWarehouseTests(LiveWarehouse warehouse) : IClassFixture<LiveWarehouse>
{
    private static readonly DateRange LiveDayOnly = new(LiveWarehouse.LiveDay, LiveWarehouse.LiveDay);

    [Fact]
    public void The_build_with_live_rows_passes_every_test()
    {
        var problems = warehouse.Build.Results
            .Where(r => r.Status is RunStatus.Error or RunStatus.Fail or RunStatus.Skipped)
            .Select(r => $"{r.Name}: {r.Status} {r.Message}");

        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_batch_order_changed_by_a_live_event_shows_the_new_status()
    {
        var order = Assert.Single(await warehouse.QueryAsync(
            $"SELECT order_status, strftime(order_delivered_customer_date, '%Y-%m-%d %H:%M:%S') FROM marts.fact_orders WHERE order_id = '{warehouse.BatchOrder}'"));
        var replaced = await warehouse.QueryAsync(
            $"SELECT reason FROM staging.stg_quarantine WHERE table_name = 'orders' AND key = '{warehouse.BatchOrder}'");

        // The event's 13:00 UTC is 10:00 in Sao Paulo (UTC-3 in October 2018).
        Assert.Equal(["delivered", "2018-10-18 10:00:00"], order);
        Assert.Equal("superseded_by_event", Assert.Single(Assert.Single(replaced)));
    }

    [Fact]
    public async Task A_new_live_order_with_its_items_payments_and_customer_reaches_the_marts()
    {
        var order = Assert.Single(await warehouse.QueryAsync(
            "SELECT order_status, items, item_revenue, freight, order_value, customer_unique_id, customer_city, strftime(order_purchase_timestamp, '%Y-%m-%d %H:%M:%S') "
            + $"FROM marts.fact_orders WHERE order_id = '{LiveWarehouse.ApprovedOrder}'"));
        var sales = await warehouse.QueryAsync(
            $"SELECT product_id, price, allocated_payment, strftime(ds, '%Y-%m-%d') FROM marts.fact_sales WHERE order_id = '{LiveWarehouse.ApprovedOrder}' ORDER BY order_item_id");
        var people = await warehouse.QueryAsync($"SELECT customer_zip_code_prefix FROM marts.dim_customers WHERE customer_unique_id = 'u-{LiveWarehouse.ApprovedOrder}'");

        Assert.Equal(["approved", 2L, 150.00m, 15.00m, 165.00m, $"u-{LiveWarehouse.ApprovedOrder}", "sao paulo", "2018-10-20 12:00:00"], order);
        Assert.Equal([warehouse.Products[0], warehouse.Products[1]], sales.Select(s => s[0]));
        Assert.Equal([100.00m, 50.00m], sales.Select(s => s[1]));
        Assert.Equal(165.00m, sales.Sum(s => (decimal)s[2]!));
        Assert.All(sales, s => Assert.Equal("2018-10-20", s[3]));
        Assert.Equal("01037", Assert.Single(Assert.Single(people)));
    }

    [Fact]
    public async Task Among_events_the_latest_event_time_wins_not_the_latest_arrival()
    {
        var status = Assert.Single(await warehouse.QueryAsync($"SELECT order_status FROM staging.stg_orders WHERE order_id = '{LiveWarehouse.CreatedOrder}'"));
        var counts = await warehouse.QueryAsync(
            "SELECT table_name, row_count FROM staging.stg_cleaning_counts WHERE rule = 'superseded_by_event' AND row_count > 0 ORDER BY table_name");

        Assert.Equal("created", Assert.Single(status));

        // The batch row of the delivered order, the created versions of the approved and canceled orders, the late cancellation.
        Assert.Equal([["orders", 4L]], counts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sales_trends_of_the_live_day_count_its_sales_orders(bool ranged)
    {
        var rows = await warehouse.Kpis.SalesTrendsAsync(TimeGrain.Day, ranged ? LiveDayOnly : DateRange.All, CancellationToken.None);
        var day = Assert.Single(rows, r => r.Period == "2018-10-20");

        // The approved and the created order; the canceled one is not a sales order.
        Assert.Equal((2L, 230.00m, 23.00m, 253.00m), (day.Orders, day.Revenue, day.Freight, day.Payments));
        Assert.Equal(ranged, rows.Count == 1);
    }

    [Fact]
    public async Task After_the_build_the_KPIs_of_the_day_agree_with_the_live_figures()
    {
        var day = Assert.Single(await warehouse.Kpis.SalesTrendsAsync(TimeGrain.Day, LiveDayOnly, CancellationToken.None));

        Assert.Equal(LiveWarehouse.LiveDay, warehouse.Live.Day);
        Assert.Equal(2, warehouse.Live.Orders);
        Assert.Equal((warehouse.Live.Orders, warehouse.Live.ItemRevenue, warehouse.Live.OrderValue), (day.Orders, day.Revenue, day.Payments));
    }

    [Fact]
    public async Task Live_customers_and_products_count_in_the_other_KPIs()
    {
        var growth = await warehouse.Kpis.CustomerGrowthAsync(LiveDayOnly, CancellationToken.None);
        var products = await warehouse.Kpis.TopProductsAsync(TimeGrain.Day, 10, LiveDayOnly, CancellationToken.None);

        Assert.Equal(2, Assert.Single(growth).NewCustomers);
        Assert.Equal(
            [(warehouse.Products[1], 2L, 130.00m), (warehouse.Products[0], 1L, 100.00m)],
            products.Select(p => (p.ProductId, p.Units, p.Revenue)));
    }

    [Fact]
    public async Task BigQuery_compiles_the_same_union_of_the_stream_tables()
    {
        var output = Path.Combine(Path.GetTempPath(), "olist-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var compiled = await warehouse.Project.CompileAsync(new CompileRequest(output, TargetWarehouse.BigQuery), CancellationToken.None);
            var orders = await File.ReadAllTextAsync(Assert.Single(compiled.ModelFiles, f => f.EndsWith("_base_orders.sql", StringComparison.Ordinal)));

            Assert.Contains("`olist.raw_orders`", orders, StringComparison.Ordinal);
            Assert.Contains("`olist.raw_stream_orders`", orders, StringComparison.Ordinal);
            Assert.Contains("'stream:' || event_id", orders, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
