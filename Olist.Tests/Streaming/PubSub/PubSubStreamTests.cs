using Olist.Pipeline.Streaming.DeadLetters;

namespace Olist.Tests.Streaming.PubSub;

/// <summary>
/// The consumer on Pub/Sub (Google's emulator) over a real DuckDB warehouse: the event contract corpus, dead letters with
/// their bytes (and copies on the dead-letter topic), leases held while a batch is written, two consumers on one
/// subscription.
/// </summary>
[Collection(SharedPubSubEmulator.Name)]
public sealed class PubSubStreamTests(PubSubEmulator emulator)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    [EmulatorFact]
    public async Task The_contract_corpus_is_accepted_or_dead_lettered_with_its_reason_and_bytes_and_dead_letters_reach_the_dead_letter_topic()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var deadLetterTopic = PubSubEmulator.UniqueId("dlq");
        var options = PubSubEmulator.Options("corpus", deadLetterTopic);
        await using var bus = await emulator.BusAsync(options);
        await bus.SetupAsync(CancellationToken.None);
        var watcherOptions = PubSubEmulator.Options("corpus-dlq-watch");
        watcherOptions.Topic = deadLetterTopic;
        await using var deadLetterWatcher = await emulator.BusAsync(watcherOptions);
        await deadLetterWatcher.SetupAsync(CancellationToken.None);

        var valid = ContractCorpusTests.Valid.Select(row => (string)row[1]).ToList();
        var broken = ContractCorpusTests.Broken.Select(row => (Reason: (string)row[0], Json: (string)row[1])).ToList();
        var validIds = await bus.PublishAsync([.. valid.Select(Message)], CancellationToken.None);
        var brokenIds = await bus.PublishAsync([.. broken.Select(b => Message(b.Json))], CancellationToken.None);

        var consumer = Consumer(harness, bus);
        await ConsumeUntilAsync(consumer, () => consumer.Counters.Handled == valid.Count + broken.Count);

        Assert.Equal((valid.Count, 0L, broken.Count), (consumer.Counters.Accepted, consumer.Counters.Duplicates, consumer.Counters.DeadLettered));
        // Hex, so the bytes are copied out of DuckDB before its result is closed.
        var letters = (await harness.RowsAsync("SELECT message_id, reason, hex(body) FROM raw.stream_dead_letters"))
            .ToDictionary(r => (string)r[0]!, r => (Reason: (string)r[1]!, Body: Convert.FromHexString((string)r[2]!)));
        for (var i = 0; i < broken.Count; i++)
        {
            var letter = letters[brokenIds[i]];
            Assert.Equal(broken[i].Reason, letter.Reason);
            Assert.Equal(Encoding.UTF8.GetBytes(broken[i].Json), letter.Body);
        }

        Assert.Equal(validIds.Order(StringComparer.Ordinal), (await harness.RowsAsync("SELECT message_id FROM raw.stream_orders")).Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        var copies = await PullAllAsync(deadLetterWatcher, broken.Count);
        Assert.Equal(brokenIds.Order(StringComparer.Ordinal), copies.Select(c => c.Attributes[DeadLetterCopy.MessageIdAttribute]).Order(StringComparer.Ordinal));
        Assert.All(copies, c =>
        {
            var letter = letters[c.Attributes[DeadLetterCopy.MessageIdAttribute]];
            Assert.Equal(letter.Reason, c.Attributes[DeadLetterCopy.ReasonAttribute]);
            Assert.Equal(letter.Body, c.Body.ToArray());
        });
    }

    [EmulatorFact]
    public async Task A_batch_held_past_the_ack_deadline_is_not_delivered_to_another_puller_while_it_is_written()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var options = PubSubEmulator.Options("lease");
        await using var bus = await emulator.BusAsync(options, Lease);
        await bus.SetupAsync(CancellationToken.None);
        await using var other = await emulator.BusAsync(options, Lease);
        await bus.PublishAsync([.. OrderEvents.ManyCreated(20, "lease").Select(Message)], CancellationToken.None);
        var slow = new BlockingSink();
        using var stop = new CancellationTokenSource();
        var consumer = Consumer(harness, bus, slow);
        var run = consumer.RunAsync(stop.Token);
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The batch is committed and not yet acknowledged; its lease is 10 s. Another puller waits past it.
        var holding = await bus.GetStatsAsync(CancellationToken.None);
        var stolen = await PullForAsync(other, Lease + TimeSpan.FromSeconds(5));
        var stillHolding = await bus.GetStatsAsync(CancellationToken.None);
        slow.Release.TrySetResult();
        await ConsumeUntilAsync(consumer, () => consumer.Counters.Handled == 20, run, stop);

        Assert.Empty(stolen);
        Assert.Equal((20L, null), (holding.Leased, holding.Backlog));
        Assert.True(stillHolding.OldestUnacknowledgedAge > Lease, $"the consumer's lag should be the held batch's age, not {stillHolding.OldestUnacknowledgedAge}");
        Assert.Equal(20, consumer.Counters.Accepted);
        Assert.Equal(1, await harness.CountAsync("SELECT max(attempts) FROM raw.stream_orders"));
    }

    [EmulatorFact]
    public async Task Two_consumers_on_one_subscription_and_one_warehouse_write_no_order_twice_and_the_second_takes_over_from_the_first()
    {
        await using var harness = await StreamHarness.CreateAsync();
        harness.Options.BatchSize = 100;
        var options = PubSubEmulator.Options("pair");
        await using var firstBus = await emulator.BusAsync(options, Lease);
        await using var secondBus = await emulator.BusAsync(options, Lease);
        await firstBus.SetupAsync(CancellationToken.None);

        // Every order twice, under two messages: two consumers each accepting its half would write them all twice.
        var orders = OrderEvents.ManyCreated(600, "pair").ToList();
        await firstBus.PublishAsync([.. orders.Concat(orders).Select(Message)], CancellationToken.None);
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = Consumer(harness, firstBus);
        var second = Consumer(harness, secondBus);
        var firstRun = first.RunAsync(stopFirst.Token);
        await WaitUntilAsync(() => first.Counters.Handled > 0);
        var secondRun = second.RunAsync(stopSecond.Token);
        await WaitUntilAsync(() => second.Status.Phase == ConsumerPhase.Standby);
        var standbyWhileFirstRan = second.Counters.Handled;
        await stopFirst.CancelAsync();
        await firstRun;
        await ConsumeUntilAsync(second, () => second.Counters.Handled == 1_200, secondRun, stopSecond);

        Assert.Equal(0, standbyWhileFirstRan);
        Assert.Equal((600L, 600L), (second.Counters.Accepted, second.Counters.Duplicates));
        await StreamAssert.EachOrderOnceAsync(harness.Warehouse, 600);
        await StreamAssert.EachMessageOnceAsync(harness.Warehouse, 1_200);
    }

    [EmulatorFact]
    public async Task Same_time_events_on_PubSub_are_ordered_by_the_message_id_the_service_handed_out()
    {
        await using var harness = await StreamHarness.CreateAsync();
        var options = PubSubEmulator.Options("tie");
        await using var bus = await emulator.BusAsync(options);
        await bus.SetupAsync(CancellationToken.None);
        var ids = await bus.PublishAsync(
            [Message(OrderEvents.Created("tie-1", eventId: "ev-z-created")), Message(OrderEvents.StatusChanged("tie-1", "canceled", eventId: "ev-a-canceled", at: "2026-11-26T19:03:11.123Z"))],
            CancellationToken.None);

        var consumer = Consumer(harness, bus);
        await ConsumeUntilAsync(consumer, () => consumer.Counters.Handled == 2);

        Assert.True(long.Parse(ids[1], System.Globalization.CultureInfo.InvariantCulture) > long.Parse(ids[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((2L, 0L), (consumer.Counters.Accepted, consumer.Counters.DeadLettered));
        Assert.Equal(
            ["canceled"],
            (await harness.RowsAsync($"SELECT order_status FROM raw.stream_orders QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY {StreamTables.NewestFirst}) = 1")).Select(r => r[0]));
    }

    private static OutgoingMessage Message(string json) => new(Encoding.UTF8.GetBytes(json));

    private static OrderStreamConsumer Consumer(StreamHarness harness, PubSubMessageBus bus, IAcceptedOrdersSink? sink = null) =>
        new(bus, harness.Warehouse, harness.Options, sink is null ? [] : [sink], TimeProvider.System, NullLogger<OrderStreamConsumer>.Instance, bus);

    /// <summary>Runs <paramref name="consumer"/> (or waits for its run) until <paramref name="done"/>, then stops it.</summary>
    private static async Task ConsumeUntilAsync(OrderStreamConsumer consumer, Func<bool> done, Task? run = null, CancellationTokenSource? stop = null)
    {
        using var own = new CancellationTokenSource();
        stop ??= own;
        run ??= consumer.RunAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => done() || run.IsCompleted);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        Assert.True(done(), $"the consumer stopped at {consumer.Counters}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>What one pull gets within <paramref name="patience"/>; nothing when it is given up.</summary>
    private static async Task<IReadOnlyList<BusMessage>> PullForAsync(PubSubMessageBus bus, TimeSpan patience)
    {
        using var giveUp = new CancellationTokenSource(patience);
        try
        {
            return await bus.PullAsync(100, Lease, patience, giveUp.Token);
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            return [];
        }
    }

    private static async Task<List<BusMessage>> PullAllAsync(PubSubMessageBus bus, int count)
    {
        var pulled = new List<BusMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (pulled.Count < count && DateTime.UtcNow < deadline)
        {
            pulled.AddRange(await bus.PullAsync(count, Lease, TimeSpan.FromSeconds(2), CancellationToken.None));
        }

        return pulled;
    }
}
