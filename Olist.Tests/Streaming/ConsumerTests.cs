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
}
