namespace Olist.Tests.Warehouse;

/// <summary>
/// A generated batch dataset (ends 2018-10-17) loaded, then live events written by the real consumer: a batch order
/// delivered, and three live orders on <see cref="LiveDay"/> (one approved later, one canceled, one left created, which also
/// gets an older cancellation appended last); then the live metrics of that day are read and the warehouse is built.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class LiveWarehouse : IAsyncLifetime
{
    public const string ApprovedOrder = "live-order-1";
    public const string CanceledOrder = "live-order-2";
    public const string CreatedOrder = "live-order-3";

    /// <summary>The local day of the live orders, after the last batch day.</summary>
    public static readonly DateOnly LiveDay = new(2018, 10, 20);

    private readonly GeneratedPipeline _pipeline = new("olist-live-warehouse-test-");

    public DuckDbWarehouse Warehouse => _pipeline.Warehouse;

    public TransformProject Project => _pipeline.Project;

    public KpiService Kpis => _pipeline.Kpis;

    /// <summary>The shipped batch order the stream delivers.</summary>
    public string BatchOrder { get; private set; } = string.Empty;

    /// <summary>The products sold by the live orders.</summary>
    public IReadOnlyList<string> Products { get; private set; } = [];

    /// <summary>What the live monitor showed for <see cref="LiveDay"/> before the build.</summary>
    public LiveMetrics Live { get; private set; } = null!;

    public RunSummary Build { get; private set; } = new("build", [], TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await _pipeline.GenerateAndLoadAsync(0.01, 5);

        await using var stream = await StreamHarness.OverAsync(Warehouse);
        BatchOrder = (string)(await stream.RowsAsync(
            "SELECT o.order_id FROM raw.orders AS o JOIN raw.customers AS c USING (customer_id) WHERE o.order_status = 'shipped' "
            + "QUALIFY count(*) OVER (PARTITION BY o.order_id) = 1 ORDER BY o.order_id LIMIT 1"))[0][0]!;
        Products = (await stream.RowsAsync(
            "SELECT product_id FROM raw.products WHERE product_id = trim(product_id) QUALIFY count(*) OVER (PARTITION BY product_id) = 1 ORDER BY product_id LIMIT 2"))
            .Select(r => (string)r[0]!).ToList();
        var seller = (string)(await stream.RowsAsync(
            "SELECT seller_id FROM raw.sellers WHERE seller_id = trim(seller_id) QUALIFY count(*) OVER (PARTITION BY seller_id) = 1 ORDER BY seller_id LIMIT 1"))[0][0]!;

        await stream.PublishAsync(
            OrderEvents.StatusChanged(BatchOrder, "delivered", at: "2018-10-18T13:00:00Z"),
            Created(ApprovedOrder, "2018-10-20T15:00:00Z", Item(ApprovedOrder, 1, Products[0], seller, "100.00", "10.00") + ", " + Item(ApprovedOrder, 2, Products[1], seller, "50.00", "5.00"),
                Payment(ApprovedOrder, 1, "credit_card", "120.00") + ", " + Payment(ApprovedOrder, 2, "voucher", "45.00")),
            OrderEvents.StatusChanged(ApprovedOrder, "approved", at: "2018-10-20T16:00:00Z"),
            Created(CanceledOrder, "2018-10-20T18:30:00Z", Item(CanceledOrder, 1, Products[0], seller, "30.00", "4.50"), Payment(CanceledOrder, 1, "boleto", "34.50")),
            OrderEvents.StatusChanged(CanceledOrder, "canceled", at: "2018-10-20T19:00:00Z"),
            Created(CreatedOrder, "2018-10-20T20:00:00Z", Item(CreatedOrder, 1, Products[1], seller, "80.00", "8.00"), Payment(CreatedOrder, 1, "debit_card", "88.00")));
        var counters = await stream.DrainAsync();
        if (counters.Accepted != 6)
        {
            throw new InvalidOperationException($"the consumer accepted {counters.Accepted} of 6 events: {string.Join(", ", counters.DeadLetteredByReason)}");
        }

        // An older event that arrives last: the cancellation of the created order, timed before the order was created.
        await stream.ExecuteAsync(
            $"INSERT INTO {StreamTables.Orders} SELECT * REPLACE ('canceled' AS order_status, 'ev-late' AS event_id, 'late' AS message_id, "
            + $"event_time - INTERVAL 1 HOUR AS event_time) FROM {StreamTables.Orders} WHERE order_id = '{CreatedOrder}'");

        var evening = new FakeTimeProvider(new DateTimeOffset(2018, 10, 20, 23, 0, 0, TimeSpan.Zero));
        Live = await new LiveMetricsQuery(Warehouse, stream.Bus, evening).ReadAsync(CancellationToken.None);
        Build = await Project.BuildAsync(new BuildRequest(), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    /// <summary>The rows of a query against the warehouse (DBNull as null).</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql)
    {
        await using var stream = await StreamHarness.OverAsync(Warehouse);
        return await stream.RowsAsync(sql);
    }

    private static string Created(string orderId, string at, string items, string payments) => $$$"""
        {"event_id": "ev-{{{orderId}}}", "event_type": "order_created", "schema_version": 1, "timestamp": "{{{at}}}",
         "data": {
           "orders": {"order_id": "{{{orderId}}}", "customer_id": "c-{{{orderId}}}", "order_status": "created",
                      "order_purchase_timestamp": "{{{at}}}", "order_estimated_delivery_date": "2018-11-05T00:00:00Z"},
           "customers": {"customer_id": "c-{{{orderId}}}", "customer_unique_id": "u-{{{orderId}}}", "customer_zip_code_prefix": "1037",
                         "customer_city": "São Paulo", "customer_state": "SP"},
           "order_items": [{{{items}}}],
           "order_payments": [{{{payments}}}]}}
        """;

    private static string Item(string orderId, int number, string product, string seller, string price, string freight) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"order_id": "{{{orderId}}}", "order_item_id": {{{number}}}, "product_id": "{{{product}}}", "seller_id": "{{{seller}}}", "shipping_limit_date": "2018-10-25T12:00:00Z", "price": {{{price}}}, "freight_value": {{{freight}}}}""");

    private static string Payment(string orderId, int sequential, string type, string value) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"order_id": "{{{orderId}}}", "payment_sequential": {{{sequential}}}, "payment_type": "{{{type}}}", "payment_installments": 1, "payment_value": {{{value}}}}""");
}
