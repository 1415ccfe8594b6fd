namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// The live stream's micro-batches on BigQuery, on the discovery-checking fake: each table's rows by a load job, then one
/// transaction of MERGEs keyed on message_id, so a batch written again after a crash before its ack adds nothing. The
/// fake runs no SQL; <see cref="BigQueryStreamRedeliveryTests"/> runs the transactions on a DuckDB twin and counts rows.
/// </summary>
public sealed class BigQueryStreamBatchWriterTests : FakeBigQueryTests, IDisposable
{
    private static readonly DateTimeOffset Published = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_batch_goes_up_by_load_jobs_and_lands_by_one_transaction_of_merges_keyed_on_the_message_id()
    {
        using var services = Pipeline();
        var writer = new BigQueryStreamBatchWriter(services.GetRequiredService<BigQueryWarehouse>());
        byte[] garbage = [0xff, 0x00, (byte)'{'];
        var plan = Plan(commit: 7, Accepted("m-1", "order-1"), Accepted("m-2", "order-2"), Duplicate("m-3", "order-1"), DeadLetter("m-4", garbage));

        var written = await writer.WriteAsync(plan, Published.AddSeconds(3), CancellationToken.None);

        string[] tables = ["raw_stream_orders", "raw_stream_order_items", "raw_stream_order_payments", "raw_stream_customers", "raw_stream_dead_letters", "raw_stream_outcomes"];
        Assert.Equal(tables, written);
        var transaction = Assert.Single(Fake.Statements);
        Assert.Equal(
            $"BEGIN TRANSACTION;\n{string.Concat(tables.Select(t => $"MERGE INTO `olist_ci.{t}` AS target USING `olist_ci.{t}__commit_7` AS batch ON target.message_id = batch.message_id WHEN NOT MATCHED THEN INSERT ROW;\n"))}COMMIT TRANSACTION;",
            transaction);
        var uploads = Fake.Calls.Where(c => c.Method == "bigquery.jobs.insert").Select(c => JsonNode.Parse(c.Body!)!["configuration"]!["load"]!).ToList();
        Assert.Equal(6, uploads.Count);
        Assert.All(uploads, u => Assert.Equal("NEWLINE_DELIMITED_JSON", u["sourceFormat"]!.GetValue<string>()));
        var orders = Lines(Fake.Uploads.Values.Select(b => Encoding.UTF8.GetString(b)).Single(u => u.Contains("\"payment_mismatch\"", StringComparison.Ordinal)));
        Assert.Equal(["m-1", "m-2"], orders.Select(o => o["message_id"]!.GetValue<string>()));
        Assert.Equal(("order-1", "delivered", "7", false), (orders[0]["order_id"]!.GetValue<string>(), orders[0]["order_status"]!.GetValue<string>(), orders[0]["commit_seq"]!.GetValue<string>(), orders[0]["payment_mismatch"]!.GetValue<bool>()));
        Assert.Equal("2026-12-04 12:00:00.000000+00:00", orders[0]["published_at"]!.GetValue<string>());
        var deadLetter = Assert.Single(Lines(Fake.Uploads.Values.Select(b => Encoding.UTF8.GetString(b)).Single(u => u.Contains("\"dead_lettered_at\"", StringComparison.Ordinal))));
        Assert.Equal(("m-4", DeadLetterReasons.MalformedJson), (deadLetter["message_id"]!.GetValue<string>(), deadLetter["reason"]!.GetValue<string>()));
        Assert.Equal(garbage, Convert.FromBase64String(deadLetter["body"]!.GetValue<string>()));
        var outcomes = Lines(Fake.Uploads.Values.Select(b => Encoding.UTF8.GetString(b)).Single(u => u.Contains("\"handled_at\"", StringComparison.Ordinal)));
        Assert.Equal([("m-3", "duplicate"), ("m-4", "dead_lettered")], outcomes.Select(o => (o["message_id"]!.GetValue<string>(), o["outcome"]!.GetValue<string>())));
        Assert.All(written, t => Assert.Null(Fake.KindOf("olist_ci", $"{t}__commit_7")));
        Assert.All(tables, t => Assert.Equal("TABLE", Fake.KindOf("olist_ci", t)));
    }

    [Fact]
    public async Task A_batch_written_again_after_a_crash_before_its_ack_sends_the_same_keyed_merge_and_a_batch_with_nothing_accepted_writes_nothing()
    {
        using var services = Pipeline();
        var writer = new BigQueryStreamBatchWriter(services.GetRequiredService<BigQueryWarehouse>());

        await writer.WriteAsync(Plan(commit: 8, Accepted("m-1", "order-1")), Published.AddSeconds(3), CancellationToken.None);
        await writer.WriteAsync(Plan(commit: 9, Accepted("m-1", "order-1")), Published.AddSeconds(40), CancellationToken.None);
        var nothing = await writer.WriteAsync(new BatchPlan(10), Published, CancellationToken.None);

        Assert.Empty(nothing);
        var transactions = Fake.Statements.Where(s => s.StartsWith("BEGIN TRANSACTION", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, transactions.Count);
        Assert.Equal(transactions[0].Replace("__commit_8", "__commit_9", StringComparison.Ordinal), transactions[1]);
        Assert.All(transactions, t => Assert.DoesNotContain("INSERT INTO", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_consumer_writes_BigQuery_before_its_ledger_and_merges_a_batch_whose_answer_was_lost_again_on_the_same_message_ids()
    {
        await using var stream = await StreamHarness.CreateAsync();
        using var services = Pipeline();
        var ids = await stream.PublishAsync(OrderEvents.Created("order-bq-1"), OrderEvents.StatusChanged(StreamHarness.BatchOrder, "delivered"));
        // BigQuery commits the first transaction but its answer is lost, as when the process dies right after the commit.
        Fake.FailNext("jobs.query", new FakeBigQueryServer.Failure(400, "invalid", "INVALID_ARGUMENT", AfterWork: true, When: "BEGIN TRANSACTION"));
        Fake.Answer = BatchDataAnswers.OfStreamHarness.Answer;
        var consumer = new OrderStreamConsumer(
            stream.Bus, stream.Warehouse, stream.Options, [], TimeProvider.System, NullLogger<OrderStreamConsumer>.Instance, bigQuery: services.GetRequiredService<BigQueryWarehouse>());

        await stream.DrainAsync(consumer);

        var transactions = Fake.Statements.Where(s => s.StartsWith("BEGIN TRANSACTION", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, transactions.Count);
        Assert.Equal(Regex.Replace(transactions[0], "__commit_[0-9]+", "__commit_n"), Regex.Replace(transactions[1], "__commit_[0-9]+", "__commit_n"));
        Assert.All(transactions, t => Assert.Contains("ON target.message_id = batch.message_id WHEN NOT MATCHED THEN INSERT ROW", t, StringComparison.Ordinal));
        var orderUploads = Fake.Uploads.Values.Select(b => Encoding.UTF8.GetString(b)).Where(u => u.Contains("\"payment_mismatch\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, orderUploads.Count);
        Assert.All(orderUploads, u => Assert.Equal(ids, u.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["message_id"]!.GetValue<string>())));
        Assert.Equal(2, await stream.CountAsync("SELECT count(*) FROM raw.stream_orders"));
        Assert.Equal(0, (await stream.Bus.GetStatsAsync(CancellationToken.None)).Backlog);
    }

    [Fact]
    public async Task The_consumer_judges_events_against_the_batch_data_BigQuery_holds_and_the_live_metrics_read_without_local_batch_tables()
    {
        // The data directory of a BigQuery deployment: a DuckDB file with none of the batch tables, only the stream's copy.
        await using var stream = await StreamHarness.OverAsync(new DuckDbWarehouse(_data.Combine("local.duckdb")));
        using var services = Pipeline();
        var batchData = new BatchDataAnswers(
            [("product_id", "p-bq"), ("seller_id", "s-bq"), ("customer_id", "c-bq"), ("order_id", "order-bq-batch")],
            [["order-bq-batch", "c-bq", " Shipped ", "2018-08-01 10:00:00", "2018-08-01 11:00:00", "2018-08-02 09:00:00", null, "2018-08-20 00:00:00"]]);
        Fake.Answer = batchData.Answer;
        await stream.PublishAsync(
            OrderEvents.Created("order-new", customerId: "c-new", product: "p-bq", seller: "s-bq"),
            OrderEvents.StatusChanged("order-bq-batch", "delivered"),
            OrderEvents.Created("order-unknown", product: StreamHarness.Product));
        var consumer = new OrderStreamConsumer(
            stream.Bus, stream.Warehouse, stream.Options, [], TimeProvider.System, NullLogger<OrderStreamConsumer>.Instance, bigQuery: services.GetRequiredService<BigQueryWarehouse>());

        var counters = await stream.DrainAsync(consumer);
        var live = await new LiveMetricsQuery(stream.Warehouse, stream.Bus, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 19, 5, 0, TimeSpan.Zero)))
            .ReadAsync(CancellationToken.None);

        Assert.Equal((2, 1), (counters.Accepted, counters.DeadLettered));
        Assert.Equal(1, counters.DeadLetteredByReason[DeadLetterReasons.UnknownProduct]);
        var moved = Assert.Single(await stream.RowsAsync("SELECT customer_id, order_status, order_purchase_timestamp FROM raw.stream_orders WHERE order_id = 'order-bq-batch'"));
        Assert.Equal(["c-bq", "delivered", "2018-08-01 10:00:00"], moved);
        var read = Assert.Single(Fake.Calls, c => c.Method == "bigquery.jobs.query" && c.Body!.Contains("unnest(@order_ids)", StringComparison.Ordinal));
        Assert.Equal(["order-bq-batch"], JsonNode.Parse(read.Body!)!["queryParameters"]![0]!["parameterValue"]!["arrayValues"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()));
        Assert.Equal(1, live.Orders);
        Assert.Equal(["unknown"], live.TopCategories.Select(c => c.Name));
        Assert.Equal(["SP"], live.TopStates.Select(s => s.Name));
    }

    private static List<JsonNode> Lines(string upload) => [.. upload.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    private ServiceProvider Pipeline() => TestPipeline.Create(_data.Path, Fake.WarehouseSettings("olist_ci"));

    internal static BatchPlan Plan(long commit, params Verdict[] verdicts)
    {
        var plan = new BatchPlan(commit);
        foreach (var verdict in verdicts)
        {
            plan.Add(verdict);
        }

        return plan;
    }

    internal static Verdict.DeadLettered DeadLetter(string messageId, byte[] body) =>
        new(Message(messageId, body), new Rejection(DeadLetterReasons.MalformedJson, "not JSON at byte 0"), messageId);

    internal static Verdict.Duplicate Duplicate(string messageId, string orderId) => new(Message(messageId, []), $"event-{orderId}");

    private static BusMessage Message(string messageId, byte[] body) =>
        new(messageId, $"ack-{messageId}", body, new Dictionary<string, string>(), Published, 41, 1);

    internal static Verdict.Accepted Accepted(string messageId, string orderId)
    {
        var message = Message(messageId, []);
        var orderEvent = new OrderEvent(
            $"event-{orderId}",
            EventTypes.OrderCreated,
            Published.AddMinutes(-1),
            new OrderFields(orderId, "customer-1", "delivered", Published.AddDays(-9), Published.AddDays(-9), Published.AddDays(-7), Published.AddDays(-2), Published.AddDays(3)),
            new CustomerFields("customer-1", "unique-1", "01037", "sao paulo", "SP"),
            [new OrderItemFields(orderId, 1, "product-1", "seller-1", Published.AddDays(-8), 10.5m, 2.25m)],
            [new PaymentFields(orderId, 1, "credit_card", 2, 12.75m)]);
        var version = EventVersion.Of(orderEvent, message);
        return new Verdict.Accepted(message, orderEvent, EventRows.Of(orderEvent, version), OrderState.Of(orderEvent.Order, version), WritesCustomer: true);
    }
}
