namespace Olist.Tests.Streaming;

/// <summary>A warehouse written when the message ledger was a table keeps every outcome after the upgrade to the view.</summary>
public sealed class StreamTablesMigrationTests
{
    [Fact]
    public async Task An_old_ledger_table_moves_into_the_order_rows_and_the_outcomes_table_and_the_consumer_still_skips_its_messages()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var ids = await harness.PublishAsync(OrderEvents.Created("old-1"), OrderEvents.Created("old-1"), "not json");

        // The ledger knows a message by its id and publish time, which the old version stored from the bus as well.
        var pulled = await harness.Bus.PullAsync(3, TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None);
        await harness.Bus.ModifyAckDeadlineAsync([.. pulled.Select(m => m.AckId)], TimeSpan.Zero, CancellationToken.None);
        await harness.ExecuteAsync(OldSchemaSql(ids, pulled.ToDictionary(m => m.MessageId, m => m.PublishedAt)));

        var counters = await harness.DrainAsync();

        // Every bus message was handled before the upgrade: none is counted or written again.
        Assert.Equal((1, 1, 1), (counters.Accepted, counters.Duplicates, counters.DeadLettered));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_orders"));
        Assert.Equal(3, await harness.CountAsync("SELECT count(*) FROM raw.stream_messages"));
        Assert.Equal(2, await harness.CountAsync("SELECT count(*) FROM raw.stream_outcomes"));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_messages WHERE outcome = 'accepted' AND attempts = 2 AND payment_mismatch"));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'stream_messages' AND table_type = 'VIEW'"));
    }

    [Fact]
    public async Task Rows_written_before_they_carried_their_order_get_it_and_the_consumer_continues_from_each_orders_newest_event()
    {
        await using var harness = await StreamHarness.CreateAsync();
        await harness.ExecuteAsync(UnorderedSchemaSql);
        await harness.PublishAsync(OrderEvents.StatusChanged("old-2", "approved", at: "2026-11-27T10:00:00Z"));

        var counters = await harness.DrainAsync();

        // The old consumer took its last row (canceled) as the order; the warehouse always took the newest event (created).
        Assert.Equal((1, 0), (counters.Accepted - 2, counters.DeadLettered));
        Assert.Equal(
            [[0L, 0L, "created"], [1L, 0L, "canceled"]],
            await harness.RowsAsync("SELECT publish_seq, commit_seq, order_status FROM raw.stream_orders WHERE event_type <> 'order_status_changed' OR order_status = 'canceled' ORDER BY publish_seq"));
        Assert.Equal(1, await harness.CountAsync("SELECT count(*) FROM raw.stream_orders WHERE order_status = 'approved' AND commit_seq = 1"));
        Assert.Equal(
            [[0L, 0L, true]],
            await harness.RowsAsync("SELECT i.publish_seq, i.commit_seq, i.published_at = o.published_at FROM raw.stream_order_items AS i JOIN raw.stream_orders AS o USING (event_id)"));
    }

    /// <summary>
    /// The data tables before rows carried their publish order and commit: order old-2 created, then a cancel with an
    /// earlier event time that the consumer of that version accepted.
    /// </summary>
    private static string UnorderedSchemaSql
    {
        get
        {
            const string provenance = "event_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL, event_time TIMESTAMPTZ NOT NULL, received_at TIMESTAMPTZ NOT NULL";
            return $"""
                CREATE TABLE raw.stream_orders (order_id VARCHAR, customer_id VARCHAR, order_status VARCHAR, order_purchase_timestamp VARCHAR,
                    order_approved_at VARCHAR, order_delivered_carrier_date VARCHAR, order_delivered_customer_date VARCHAR,
                    order_estimated_delivery_date VARCHAR, {provenance}, payment_mismatch BOOLEAN NOT NULL, attempts INTEGER NOT NULL, published_at TIMESTAMPTZ NOT NULL);
                CREATE TABLE raw.stream_order_items (order_id VARCHAR, order_item_id VARCHAR, product_id VARCHAR, seller_id VARCHAR,
                    shipping_limit_date VARCHAR, price VARCHAR, freight_value VARCHAR, {provenance});
                INSERT INTO raw.stream_orders VALUES
                    ('old-2', '{StreamHarness.KnownCustomer}', 'created', '2026-11-26 16:03:11', NULL, NULL, NULL, NULL,
                     'ev-old-2', 'm-1', 'order_created', TIMESTAMPTZ '2026-11-26 19:03:11Z', now(), FALSE, 1, TIMESTAMPTZ '2026-11-26 19:03:12Z'),
                    ('old-2', '{StreamHarness.KnownCustomer}', 'canceled', '2026-11-26 16:03:11', NULL, NULL, NULL, NULL,
                     'ev-old-2-canceled', 'm-2', 'order_status_changed', TIMESTAMPTZ '2026-11-26 19:00:00Z', now(), FALSE, 1, TIMESTAMPTZ '2026-11-26 19:03:13Z');
                INSERT INTO raw.stream_order_items VALUES
                    ('old-2', '1', '{StreamHarness.Product}', '{StreamHarness.Seller}', NULL, '10.00', '1.00', 'ev-old-2', 'm-1', 'order_created', now(), now());
                """;
        }
    }

    /// <summary>The stream tables as the first version wrote them, with the three messages already handled.</summary>
    private static string OldSchemaSql(IReadOnlyList<string> ids, Dictionary<string, DateTimeOffset> publishedAt)
    {
        string At(int i) => $"'{publishedAt[ids[i]].ToString("O", System.Globalization.CultureInfo.InvariantCulture)}'::TIMESTAMPTZ";
        const string provenance = "event_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL, event_time TIMESTAMPTZ NOT NULL, received_at TIMESTAMPTZ NOT NULL";
        return $"""
            CREATE TABLE raw.stream_orders (order_id VARCHAR, customer_id VARCHAR, order_status VARCHAR, order_purchase_timestamp VARCHAR,
                order_approved_at VARCHAR, order_delivered_carrier_date VARCHAR, order_delivered_customer_date VARCHAR,
                order_estimated_delivery_date VARCHAR, {provenance});
            CREATE TABLE raw.stream_messages (message_id VARCHAR NOT NULL, event_key VARCHAR, outcome VARCHAR NOT NULL, reason VARCHAR,
                payment_mismatch BOOLEAN NOT NULL, attempts INTEGER NOT NULL, published_at TIMESTAMPTZ NOT NULL, handled_at TIMESTAMPTZ NOT NULL);
            INSERT INTO raw.stream_orders VALUES ('old-1', 'c-new', 'created', '2026-11-26 16:03:11', NULL, NULL, NULL, '2026-12-08 21:00:00',
                'ev-old-1', '{ids[0]}', 'order_created', now(), now());
            INSERT INTO raw.stream_messages VALUES
                ('{ids[0]}', 'ev-old-1', 'accepted', NULL, TRUE, 2, {At(0)}, now()),
                ('{ids[1]}', 'ev-old-1', 'duplicate', NULL, FALSE, 1, {At(1)}, now()),
                ('{ids[2]}', NULL, 'dead_lettered', 'malformed_json', FALSE, 1, {At(2)}, now());
            """;
    }
}
