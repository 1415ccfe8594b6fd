using Olist.Pipeline.Streaming.DeadLetters;

namespace Olist.Tests.Streaming;

/// <summary>The consumer against a real DuckDB warehouse and SQLite bus: what is written, counted, retried and dead-lettered.</summary>
public sealed class ConsumerTests
{
    [Fact]
    public async Task Accepted_order_is_written_with_local_times_and_provenance()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var ids = await harness.PublishAsync(OrderEvents.Created("o1"));

        var counters = await harness.DrainAsync();

        Assert.Equal(1, counters.Accepted);
        var order = Assert.Single(await harness.RowsAsync(
            "SELECT order_id, order_status, order_purchase_timestamp, order_estimated_delivery_date, event_id, message_id, event_type FROM raw.stream_orders"));
        // 19:03:11 UTC is 16:03:11 in Sao Paulo (UTC-3, no daylight saving time since 2019).
        Assert.Equal(["o1", "created", "2026-11-26 16:03:11", "2026-12-08 21:00:00", "ev-o1", ids[0], "order_created"], order);
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_order_items WHERE price = '89.90' AND freight_value = '12.45'"));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_order_payments WHERE payment_value = '102.35' AND payment_installments = '3'"));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_customers WHERE customer_id = 'c-new' AND customer_unique_id = 'u-c-new'"));
        Assert.Equal(0, (await harness.Bus.GetStatsAsync(CancellationToken.None)).Backlog);
    }

    [Fact]
    public async Task The_same_event_under_another_message_is_a_duplicate_and_an_event_without_id_is_keyed_by_its_message()
    {
        await using var harness = await StreamHarness.CreateAsync();
        await harness.PublishAsync(OrderEvents.Created("o1"), OrderEvents.Created("o1"), OrderEvents.Original("o2"));
        await harness.PublishAsync(OrderEvents.Created("o1"));

        var counters = await harness.DrainAsync();

        Assert.Equal((2, 2, 0), (counters.Accepted, counters.Duplicates, counters.DeadLettered));
        Assert.Equal(2, await harness.CountAsync("SELECT count(*) FROM raw.stream_orders"));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_orders o JOIN raw.stream_messages m USING (message_id) WHERE o.order_id = 'o2' AND o.event_id = m.message_id"));
        Assert.Equal(0, await harness.CountAsync("SELECT count(*) FROM raw.stream_customers WHERE customer_id = 'c-known'"));
    }

    [Fact]
    public async Task A_crash_between_commit_and_acknowledgement_counts_every_message_once_and_writes_no_order_twice()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var published = await harness.PublishAsync([.. OrderEvents.ManyCreated(40, "crash"), OrderEvents.Created("crash-0", eventId: "ev-crash-0")]);
        var crashing = new FaultyBus(harness.Bus, failingAcknowledgements: 1000);

        // Until every message is committed and an acknowledgement has failed: the backlog never empties by itself.
        var firstRun = await harness.DrainAsync(harness.Consumer(crashing), c => c.Counters.Handled == 41 && crashing.FailedAcknowledgements > 0);
        Assert.True(crashing.FailedAcknowledgements > 0, "the first consumer should have committed and then failed to acknowledge");
        Assert.Equal(41, firstRun.Handled);
        Assert.Equal(41, (await harness.Bus.GetStatsAsync(CancellationToken.None)).Backlog);

        var restarted = await harness.DrainAsync();

        Assert.Equal((40, 1, 0), (restarted.Accepted, restarted.Duplicates, restarted.DeadLettered));
        Assert.Equal(published.Count, restarted.Handled);
        Assert.Equal(0, (await harness.Bus.GetStatsAsync(CancellationToken.None)).Backlog);
        await StreamAssert.EachMessageOnceAsync(harness.Warehouse, 41);
        await StreamAssert.EachOrderOnceAsync(harness.Warehouse, 40);
        Assert.Equal(40, await harness.CountAsync("SELECT count(*) FROM raw.stream_order_items"));
    }

    [Fact]
    public async Task A_consumer_stopped_with_batches_pulled_ahead_hands_them_back_so_the_next_one_need_not_wait_out_their_leases()
    {
        await using var harness = await StreamHarness.CreateAsync();
        harness.Options.AckDeadline = TimeSpan.FromMinutes(10);
        var published = await harness.PublishAsync([.. OrderEvents.ManyCreated(1500, "ahead")]);
        var blocked = new BlockingSink();
        using var stop = new CancellationTokenSource();
        var first = harness.Consumer(sink: blocked);
        var run = first.RunAsync(stop.Token);

        // The first batch is committed and its sink holds the writer; meanwhile the reader pulls the next ones ahead.
        await blocked.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitUntilAsync(async () => (await harness.Bus.GetStatsAsync(CancellationToken.None)).Leased >= 1000);
        await stop.CancelAsync();
        blocked.Release.TrySetResult();
        await run;
        Assert.Equal(0, (await harness.Bus.GetStatsAsync(CancellationToken.None)).Leased);

        var second = await harness.DrainAsync();

        Assert.Equal(published.Count, second.Handled);
        Assert.Equal((1500, 0), (second.Accepted, second.Duplicates));
        Assert.Equal(1500, await harness.CountAsync("SELECT count(*) FROM raw.stream_orders"));
        Assert.Equal(0, (await harness.Bus.GetStatsAsync(CancellationToken.None)).Backlog);
    }

    [Fact]
    public async Task A_status_change_before_its_order_is_retried_and_accepted_once_the_order_arrives()
    {
        await using var harness = await StreamHarness.CreateAsync();
        await harness.PublishAsync(OrderEvents.StatusChanged("late", "approved"));
        var bus = new WatchedBus(harness.Bus);
        using var stop = new CancellationTokenSource();
        var consumer = harness.Consumer(bus);
        var run = consumer.RunAsync(stop.Token);
        await bus.HandedBackAsync(times: 2);
        Assert.Equal(0, consumer.Counters.Handled);

        await harness.PublishAsync(OrderEvents.Created("late"));
        await WaitUntilAsync(() => consumer.Counters.Handled == 2);
        await stop.CancelAsync();
        await run;

        Assert.Equal((2, 0), (consumer.Counters.Accepted, consumer.Counters.DeadLettered));
        var latest = await harness.RowsAsync("SELECT order_status, customer_id, order_approved_at FROM raw.stream_orders WHERE order_id = 'late' ORDER BY rowid");
        Assert.Equal(["approved", "c-new", "2026-11-27 07:00:00"], latest[^1]);
        Assert.True(await harness.CountAsync("SELECT max(attempts) FROM raw.stream_messages") > 1);
    }

    [Fact]
    public async Task A_status_change_whose_order_never_comes_is_dead_lettered_as_unknown_order_after_the_window()
    {
        await using var harness = await StreamHarness.CreateAsync();
        await harness.PublishAsync(OrderEvents.StatusChanged("never", "approved"));
        // The consumer's clock starts after the publication and moves only when told, so the window passes exactly then.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var bus = new WatchedBus(harness.Bus);
        using var stop = new CancellationTokenSource();
        var consumer = harness.Consumer(bus, timeProvider: clock);
        var run = consumer.RunAsync(stop.Token);
        await bus.HandedBackAsync(times: 2);
        Assert.Equal(0, consumer.Counters.Handled);

        clock.Advance(harness.Options.UnknownOrderRetryWindow);
        await WaitUntilAsync(() => consumer.Counters.Handled == 1);
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, consumer.Counters.DeadLetteredByReason[DeadLetterReasons.UnknownOrder]);
        Assert.True(await harness.CountAsync("SELECT attempts FROM raw.stream_dead_letters") > 1, "it should have been retried before");
    }

    [Fact]
    public async Task Lifecycle_rules_apply_to_stream_orders_and_to_batch_orders()
    {
        await using var harness = await StreamHarness.CreateAsync();
        await harness.PublishAsync(
            OrderEvents.Created("o1"),
            OrderEvents.StatusChanged("o1", "delivered"),
            OrderEvents.StatusChanged("o1", "approved"),
            OrderEvents.StatusChanged(StreamHarness.BatchOrder, "delivered"),
            OrderEvents.StatusChanged(StreamHarness.BatchOrder, "canceled"));

        var counters = await harness.DrainAsync();

        Assert.Equal(3, counters.Accepted);
        Assert.Equal(2, counters.DeadLetteredByReason[DeadLetterReasons.IllegalTransition]);
        var batchOrder = Assert.Single(await harness.RowsAsync(
            $"SELECT customer_id, order_status, order_purchase_timestamp, order_delivered_carrier_date, order_delivered_customer_date FROM raw.stream_orders WHERE order_id = '{StreamHarness.BatchOrder}'"));
        Assert.Equal([StreamHarness.KnownCustomer, "delivered", "2018-08-01 10:00:00", "2018-08-02 09:00:00", "2026-11-27 07:00:00"], batchOrder);
    }

    [Fact]
    public async Task References_are_checked_against_the_warehouse_and_an_order_is_never_created_twice()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var withoutCustomer = System.Text.Json.Nodes.JsonNode.Parse(OrderEvents.Created("o3", customerId: "c-stranger"))!;
        withoutCustomer["data"]!.AsObject().Remove("customers");
        await harness.PublishAsync(
            OrderEvents.Created("o1", product: "no-such-product"),
            OrderEvents.Created("o2").Replace("\"s1\"", "\"no-such-seller\"", StringComparison.Ordinal),
            withoutCustomer.ToJsonString(),
            OrderEvents.Created(StreamHarness.BatchOrder, eventId: "ev-again"),
            OrderEvents.Created("o4", payment: "5.00"));

        var counters = await harness.DrainAsync();

        Assert.Equal(1, counters.DeadLetteredByReason[DeadLetterReasons.UnknownProduct]);
        Assert.Equal(1, counters.DeadLetteredByReason[DeadLetterReasons.UnknownSeller]);
        Assert.Equal(1, counters.DeadLetteredByReason[DeadLetterReasons.UnknownCustomer]);
        Assert.Equal(1, counters.DeadLetteredByReason[DeadLetterReasons.DuplicateOrder]);
        Assert.Equal((1, 1), (counters.Accepted, counters.PaymentMismatches));
    }

    [Fact]
    public async Task Text_that_looks_like_SQL_is_stored_verbatim_as_data_and_dead_letters_keep_their_bytes()
    {
        const string Hostile = "'); DROP TABLE raw.orders; --";
        await using var harness = await StreamHarness.CreateAsync();
        var hostile = OrderEvents.Created("o1").Replace("\"sao paulo\"", System.Text.Json.JsonSerializer.Serialize(Hostile), StringComparison.Ordinal);
        const string Broken = "{\"event_type\": \"order_created\", \"data\": '); DROP TABLE raw.stream_orders; --";
        await harness.PublishAsync(hostile, Broken);

        var counters = await harness.DrainAsync();

        Assert.Equal((1, 1), (counters.Accepted, counters.DeadLettered));
        Assert.Equal(Hostile, Assert.Single(await harness.RowsAsync("SELECT customer_city FROM raw.stream_customers"))[0]);
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.orders"));
        var stored = await new DeadLetterStore(harness.Warehouse, harness.Bus, TimeProvider.System).ListAsync(null, false, 10, CancellationToken.None);
        Assert.Equal(Broken, System.Text.Encoding.UTF8.GetString(Assert.Single(stored).Body));
        Assert.Equal(DeadLetterReasons.MalformedJson, stored[0].Reason);

        var replayed = await new DeadLetterStore(harness.Warehouse, harness.Bus, TimeProvider.System).ReplayAsync([stored[0].MessageId, "unknown-id"], CancellationToken.None);
        var again = await harness.DrainAsync();
        Assert.Single(replayed);
        Assert.Equal(2, again.DeadLettered);
        Assert.Equal(stored[0].MessageId, (await harness.RowsAsync($"SELECT replay_of FROM raw.stream_dead_letters WHERE message_id = '{replayed[0]}'"))[0][0]);
    }

    [Fact]
    public async Task Replayed_dead_letters_are_accepted_after_the_fix_and_a_second_replay_changes_nothing()
    {
        await using var harness = await StreamHarness.CreateAsync();
        harness.Options.UnknownOrderRetryWindow = TimeSpan.Zero;
        await harness.PublishAsync(OrderEvents.StatusChanged("o9", "approved"), OrderEvents.Original("o8"), OrderEvents.StatusChanged("o8", "approved"));
        var first = await harness.DrainAsync();
        Assert.Equal(1, first.DeadLetteredByReason[DeadLetterReasons.UnknownOrder]);

        await harness.PublishAsync(OrderEvents.Created("o9"));
        await harness.DrainAsync();
        var store = new DeadLetterStore(harness.Warehouse, harness.Bus, TimeProvider.System);
        Assert.Equal([new DeadLetterCount(DeadLetterReasons.UnknownOrder, 1)], await store.CountByReasonAsync(CancellationToken.None));
        var replayed = await store.ReplayReasonAsync(DeadLetterReasons.UnknownOrder, CancellationToken.None);
        var afterReplay = await harness.DrainAsync();

        Assert.Single(replayed);
        Assert.Equal((4, 1), (afterReplay.Accepted, afterReplay.DeadLettered));
        Assert.Equal("approved", (await harness.RowsAsync("SELECT order_status FROM raw.stream_orders WHERE order_id = 'o9' ORDER BY rowid DESC LIMIT 1"))[0][0]);
        Assert.Empty(await store.CountByReasonAsync(CancellationToken.None));
        Assert.Empty(await store.ReplayReasonAsync(DeadLetterReasons.UnknownOrder, CancellationToken.None));
        Assert.Equal(replayed[0], Assert.Single(await store.ListAsync(null, includeReplayed: true, 10, CancellationToken.None)).ReplayMessageId);
    }

    [Fact]
    public async Task A_failing_warehouse_is_retried_with_backoff_and_nothing_is_dead_lettered_for_it()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var bus = new WatchedBus(harness.Bus);
        using var stop = new CancellationTokenSource();
        var consumer = harness.Consumer(bus);
        var run = consumer.RunAsync(stop.Token);
        await WaitUntilAsync(() => consumer.Status.Phase == ConsumerPhase.Running);
        await harness.ExecuteAsync("ALTER TABLE raw.stream_order_items RENAME TO stream_order_items_away");

        await harness.PublishAsync(OrderEvents.Created("o1"));
        await bus.HandedBackAsync(times: 2);
        Assert.Equal(0, consumer.Counters.Handled);
        Assert.NotNull(consumer.Status.LastError);
        await harness.ExecuteAsync("ALTER TABLE raw.stream_order_items_away RENAME TO stream_order_items");
        await WaitUntilAsync(() => consumer.Counters.Handled == 1);
        await stop.CancelAsync();
        await run;

        Assert.Equal((1, 0), (consumer.Counters.Accepted, consumer.Counters.DeadLettered));
        Assert.True(await harness.CountAsync("SELECT attempts FROM raw.stream_messages") > 1);
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_order_items"));
    }

    [Fact]
    public async Task Counters_survive_a_restart_and_live_metrics_cover_the_local_day()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 19, 5, 0, TimeSpan.Zero));
        await harness.PublishAsync(OrderEvents.Created("o1"), OrderEvents.Created("o2", customerId: "c-2", price: "50.00", payment: "62.45"), "oops", OrderEvents.Created("o1"));
        await harness.PublishAsync(OrderEvents.StatusChanged("o2", "canceled"));
        var before = await harness.DrainAsync(consumer: harness.Consumer(timeProvider: clock));

        var restarted = harness.Consumer();
        await harness.DrainAsync(consumer: restarted);
        var metrics = await new LiveMetricsQuery(harness.Warehouse, harness.Bus, clock).ReadAsync(CancellationToken.None);

        Assert.Equal(before, restarted.Counters with { DeadLetteredByReason = before.DeadLetteredByReason });
        Assert.Equal(before.DeadLetteredByReason, restarted.Counters.DeadLetteredByReason);
        Assert.Equal((3, 1, 1), (before.Accepted, before.Duplicates, before.DeadLettered));
        Assert.Equal(new DateOnly(2026, 11, 26), metrics.Day);
        Assert.Equal((1, 89.90m, 102.35m, 102.35m), (metrics.Orders, metrics.ItemRevenue, metrics.OrderValue, metrics.AverageOrderValue));
        Assert.Equal((3, 1, 1), (metrics.EventsAccepted, metrics.DuplicatesDropped, metrics.EventsDeadLettered));
        Assert.Equal("SP", Assert.Single(metrics.TopStates).Name);
        Assert.Equal("unknown", Assert.Single(metrics.TopCategories).Name);
        Assert.Equal(2.0 / 5, metrics.OrdersPerMinuteLast5);
        Assert.Equal(LiveMetricsQuery.ChartMinutes, metrics.OrdersByMinute.Count);
        Assert.Equal(clock.GetUtcNow(), metrics.OrdersByMinute[^1].Minute);
        Assert.Equal(2, metrics.OrdersByMinute.Single(m => m.Orders > 0).Orders);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 19, 3, 0, TimeSpan.Zero), metrics.OrdersByMinute.Single(m => m.Orders > 0).Minute);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 20 s");
            await Task.Delay(20);
        }
    }
}
