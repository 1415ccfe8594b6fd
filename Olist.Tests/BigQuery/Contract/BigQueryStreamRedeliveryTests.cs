namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// The stream's guarantee on BigQuery, with the rows counted: the consumer stops after BigQuery committed a batch and
/// before its own ledger and the acknowledgement, a new consumer gets the batch again, and BigQuery (the fake, its
/// transactions run on a DuckDB twin) holds every accepted row, dead letter (with its bytes) and outcome exactly once,
/// the same messages as the local ledger.
/// </summary>
public sealed class BigQueryStreamRedeliveryTests : FakeBigQueryTests, IDisposable
{
    private static readonly string[] Tables =
        ["raw_stream_orders", "raw_stream_order_items", "raw_stream_order_payments", "raw_stream_customers", "raw_stream_dead_letters", "raw_stream_outcomes"];

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_crash_between_BigQuerys_commit_and_the_ack_redelivers_and_BigQuery_keeps_each_message_once()
    {
        await using var stream = await StreamHarness.CreateAsync();
        using var services = TestPipeline.Create(_data.Combine("data"), Fake.WarehouseSettings("olist_ci"));
        using var twin = new BigQueryStreamTwin(Fake, _data.Path);
        byte[] garbage = [.. "{\"event_id\": "u8, 0xff, 0x00];
        await stream.PublishAsync(OrderEvents.Created("order-a", customerId: "c-a"), OrderEvents.Created("order-b", customerId: "c-b"), OrderEvents.Created("order-a", customerId: "c-a"));
        var garbageId = Assert.Single(await stream.Bus.PublishAsync([new(garbage)], CancellationToken.None));
        using var crash = new CancellationTokenSource();
        var scripts = 0;
        Fake.Answer = sql =>
        {
            // The process dies once BigQuery has committed the first batch: before the local ledger and the ack.
            if (twin.Execute(sql) && Interlocked.Increment(ref scripts) == 1)
            {
                crash.Cancel();
            }

            return BatchDataAnswers.OfStreamHarness.Answer(sql);
        };

        await Consumer(stream, services).RunAsync(crash.Token).WaitAsync(TimeSpan.FromSeconds(20));
        var afterCrash = Counts(twin);
        var ledgerAfterCrash = await stream.CountAsync("SELECT count(*) FROM raw.stream_messages");
        var counters = await stream.DrainAsync(Consumer(stream, services));

        Assert.Equal(0, ledgerAfterCrash);
        Assert.Equal((2, 1, 1), (counters.Accepted, counters.Duplicates, counters.DeadLettered));
        Assert.Equal(0, (await stream.Bus.GetStatsAsync(CancellationToken.None)).Backlog);
        Assert.Equal(2, Volatile.Read(ref scripts));
        Assert.Equal(afterCrash, Counts(twin));
        Assert.Equal([2, 2, 2, 2, 1, 2], afterCrash.Select(c => c.Rows));
        Assert.All(afterCrash, c => Assert.Equal(c.Rows, c.Messages));
        foreach (var table in Tables)
        {
            Assert.Equal(
                (await stream.RowsAsync($"SELECT DISTINCT message_id FROM raw.{table["raw_".Length..]} ORDER BY 1")).Select(r => (string)r[0]!),
                twin.Rows($"SELECT DISTINCT message_id FROM olist_ci.{table} ORDER BY 1").Select(r => (string)r[0]!));
        }

        var deadLetter = Assert.Single(twin.Rows("SELECT message_id, reason, body FROM olist_ci.raw_stream_dead_letters"));
        Assert.Equal((garbageId, DeadLetterReasons.MalformedJson), ((string)deadLetter[0]!, (string)deadLetter[1]!));
        Assert.Equal(garbage, Bytes(deadLetter[2]));
        Assert.Equal(
            ["dead_lettered", "duplicate"],
            twin.Rows("SELECT outcome FROM olist_ci.raw_stream_outcomes ORDER BY outcome").Select(r => (string)r[0]!));
    }

    private static OrderStreamConsumer Consumer(StreamHarness stream, ServiceProvider services) => new(
        stream.Bus, stream.Warehouse, stream.Options, [], TimeProvider.System, NullLogger<OrderStreamConsumer>.Instance,
        bigQuery: services.GetRequiredService<BigQueryWarehouse>());

    /// <summary>Rows and distinct message ids of each stream table in the twin.</summary>
    private static List<(long Rows, long Messages)> Counts(BigQueryStreamTwin twin) =>
        [.. Tables.Select(t => twin.Rows($"SELECT count(*), count(DISTINCT message_id) FROM olist_ci.{t}")[0]).Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Convert.ToInt64(r[1], CultureInfo.InvariantCulture)))];

    private static byte[] Bytes(object? blob)
    {
        if (blob is byte[] bytes)
        {
            return bytes;
        }

        using var copy = new MemoryStream();
        ((Stream)blob!).CopyTo(copy);
        return copy.ToArray();
    }
}
