using Olist.Tests.Orchestration;

namespace Olist.Tests.Streaming;

/// <summary>
/// Events of one order with the same event time: the message published later is the newer version, in the consumer's
/// judgement and state, the stream tables, the live metrics and the build (docs/live-stream.md, "Publish order").
/// </summary>
public sealed class PublishOrderTests
{
    /// <summary>The event time of <see cref="OrderEvents.Created"/>.</summary>
    private const string CreatedAt = "2026-11-26T19:03:11.123Z";

    private const string Newest = $"SELECT order_status FROM raw.stream_orders QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY {StreamTables.NewestFirst}) = 1";

    [Fact]
    public async Task A_cancel_published_after_the_creation_at_the_same_event_time_is_the_order_in_the_build_and_the_live_metrics()
    {
        using var data = new OrchestrationHarness();
        await data.LoadTinyDataAsync();
        await using var stream = await StreamHarness.OverAsync(data.Warehouse);
        var (product, seller) = await stream.SoldItemAsync();
        // The event ids sort the other way round: a tie broken by event id keeps the creation.
        await stream.PublishAsync(
            OrderEvents.Created("tie-order", eventId: "ev-z-created", customerId: "tie-customer", product: product, seller: seller),
            OrderEvents.StatusChanged("tie-order", "canceled", eventId: "ev-a-canceled", at: CreatedAt));

        var counters = await stream.DrainAsync();
        var build = await data.Transform.BuildAsync(new BuildRequest(), progress: null, CancellationToken.None);
        var live = await new LiveMetricsQuery(data.Warehouse, stream.Bus, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 19, 5, 0, TimeSpan.Zero)))
            .ReadAsync(CancellationToken.None);

        Assert.Equal((2, 0), (counters.Accepted, counters.DeadLettered));
        Assert.True(build.Succeeded);
        Assert.Equal(["canceled|False"], await data.RowsAsync("SELECT order_status, is_sales_order FROM marts.fact_orders WHERE order_id = 'tie-order'"));
        Assert.Equal(["superseded_by_event"], await data.RowsAsync("SELECT reason FROM staging.stg_quarantine WHERE key = 'tie-order'"));
        Assert.Equal(0, live.Orders);
    }

    [Fact]
    public async Task Events_delivered_out_of_publish_order_in_one_batch_are_judged_in_publish_order()
    {
        await using var harness = await StreamHarness.CreateAsync();
        const string later = "2026-11-27T10:00:00Z";
        await harness.PublishAsync(
            OrderEvents.Created("rev-1"), OrderEvents.StatusChanged("rev-1", "approved", at: later), OrderEvents.StatusChanged("rev-1", "canceled", at: later));

        var counters = await harness.DrainAsync(consumer: harness.Consumer(new ReversingBus(harness.Bus)));

        Assert.Equal((3, 0), (counters.Accepted, counters.DeadLettered));
        Assert.Equal(["canceled"], (await harness.RowsAsync(Newest)).Select(r => r[0]));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_orders WHERE order_status = 'approved' AND order_approved_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_status_change_older_than_the_orders_newest_event_is_dead_lettered_and_the_order_stays_as_the_warehouse_has_it()
    {
        await using var harness = await StreamHarness.CreateAsync();
        await harness.PublishAsync(OrderEvents.Created("old-news"), OrderEvents.StatusChanged("old-news", "canceled", at: "2026-11-26T19:00:00Z"));
        await harness.DrainAsync();
        await harness.PublishAsync(OrderEvents.StatusChanged("old-news", "approved", at: "2026-11-27T10:00:00Z"));

        var counters = await harness.DrainAsync();

        Assert.Equal((2, 1), (counters.Accepted, counters.DeadLettered));
        var deadLetter = Assert.Single(await harness.RowsAsync("SELECT reason, detail FROM raw.stream_dead_letters"));
        Assert.Equal(DeadLetterReasons.IllegalTransition, deadLetter[0]);
        Assert.Contains("comes before it", (string)deadLetter[1]!, StringComparison.Ordinal);
        Assert.Equal(["approved"], (await harness.RowsAsync(Newest)).Select(r => r[0]));
    }

    /// <summary>Hands each pull's messages over in reverse, as Pub/Sub may: it promises no order without ordering keys.</summary>
    private sealed class ReversingBus(IMessageBus inner) : DelegatingBus(inner)
    {
        public override async Task<IReadOnlyList<BusMessage>> PullAsync(int maxMessages, TimeSpan ackDeadline, TimeSpan maxWait, CancellationToken cancellationToken) =>
            [.. (await base.PullAsync(maxMessages, ackDeadline, maxWait, cancellationToken)).Reverse()];
    }
}
