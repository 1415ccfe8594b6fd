using Microsoft.Data.Sqlite;

namespace Olist.Tests.Streaming;

/// <summary>
/// The embedded bus on a real SQLite file: durable publish, in-memory leases, redelivery, attempt counts across restarts,
/// backoff, batched acknowledgements, backlog, the schema migration, and publishing while pulling and acknowledging.
/// </summary>
public sealed class SqliteMessageBusTests : IDisposable
{
    private static readonly TimeSpan NoWait = TimeSpan.Zero;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Published_messages_survive_reopening_and_come_back_in_order_with_their_ids()
    {
        IReadOnlyList<string> ids;
        await using (var bus = await OpenAsync())
        {
            ids = await bus.PublishAsync([Message("a"), Message("b"), Message("c")], CancellationToken.None);
        }

        await using var reopened = await OpenAsync();
        var pulled = await PullNowAsync(reopened);

        Assert.Equal(ids, pulled.Select(m => m.MessageId));
        Assert.Equal(["a", "b", "c"], pulled.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.All(pulled, m => Assert.Equal(1, m.DeliveryAttempt));
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task Publish_order_is_the_seq_and_a_publish_time_never_behind_an_earlier_publish_even_when_the_clock_steps_back()
    {
        var time = Clock();
        IReadOnlyList<BusMessage> pulled;
        await using (var bus = await OpenAsync(time))
        {
            await bus.PublishAsync([Message("a"), Message("b")], CancellationToken.None);
            time.AdjustTime(time.GetUtcNow().AddMinutes(-5));
            await bus.PublishAsync([Message("c")], CancellationToken.None);
        }

        time.AdjustTime(time.GetUtcNow().AddMinutes(-5));
        await using (var reopened = await OpenAsync(time))
        {
            await reopened.PublishAsync([Message("d")], CancellationToken.None);
            pulled = await PullNowAsync(reopened);
        }

        Assert.Equal(["a", "b", "c", "d"], pulled.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal(pulled.Select(m => (m.PublishedAt, m.PublishSequence)).Order(), pulled.Select(m => (m.PublishedAt, m.PublishSequence)));
        Assert.Equal(4, pulled.Select(m => m.PublishSequence).Distinct().Count());
        Assert.All(pulled, m => Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(20_000), m.PublishedAt));
    }

    [Fact]
    public async Task An_unacknowledged_message_is_delivered_again_after_its_deadline_with_the_next_attempt_number()
    {
        var time = Clock();
        await using var bus = await OpenAsync(time);
        await bus.PublishAsync([Message("a")], CancellationToken.None);

        var first = Assert.Single(await PullNowAsync(bus, 10, TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await PullNowAsync(bus));
        var stats = await bus.GetStatsAsync(CancellationToken.None);
        Assert.Equal((1, 1), (stats.Backlog, stats.Leased));

        time.Advance(TimeSpan.FromMilliseconds(1));
        var second = Assert.Single(await PullNowAsync(bus));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DeliveryAttempt);

        await bus.AcknowledgeAsync([second.AckId], CancellationToken.None);
        Assert.Equal(0, (await bus.GetStatsAsync(CancellationToken.None)).Backlog);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await PullNowAsync(bus));
    }

    [Fact]
    public async Task A_nack_with_backoff_holds_the_message_back_until_the_delay_passed()
    {
        var time = Clock();
        await using var bus = await OpenAsync(time);
        await bus.PublishAsync([Message("a")], CancellationToken.None);
        var leased = Assert.Single(await PullNowAsync(bus));

        await bus.ModifyAckDeadlineAsync([leased.AckId], TimeSpan.FromMilliseconds(400), CancellationToken.None);

        time.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Empty(await PullNowAsync(bus));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var again = Assert.Single(await PullNowAsync(bus));
        Assert.Equal(2, again.DeliveryAttempt);
    }

    [Fact]
    public async Task Stats_report_the_backlog_and_the_age_of_the_oldest_message()
    {
        var time = Clock();
        await using var bus = await OpenAsync(time);
        Assert.Equal(new BusStats(0, 0, null), await bus.GetStatsAsync(CancellationToken.None));

        await bus.PublishAsync([Message("a"), Message("b")], CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(new BusStats(2, 0, TimeSpan.FromMilliseconds(50)), await bus.GetStatsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Attributes_travel_with_the_message()
    {
        await using var bus = await OpenAsync();
        await bus.PublishAsync([new OutgoingMessage(Encoding.UTF8.GetBytes("x"), new Dictionary<string, string> { [MessageAttributes.ReplayOf] = "m-1" })], CancellationToken.None);

        var message = Assert.Single(await PullNowAsync(bus, 1));

        Assert.Equal("m-1", message.Attributes[MessageAttributes.ReplayOf]);
    }

    [Fact]
    public async Task An_acknowledged_message_is_never_delivered_again_and_leaves_the_backlog_before_its_row_is_deleted()
    {
        var time = new ObservedClock(DateTimeOffset.UnixEpoch.AddDays(20_000));
        await using var bus = await OpenAsync(time);
        await bus.PublishAsync([Message("a"), Message("b"), Message("c")], CancellationToken.None);
        var leased = await PullNowAsync(bus);

        await bus.AcknowledgeAsync([leased[1].AckId], CancellationToken.None);

        Assert.Equal(3, await StoredRowsAsync());
        Assert.Equal(new BusStats(2, 2, TimeSpan.Zero), await bus.GetStatsAsync(CancellationToken.None));
        // The flush loop sleeps before it deletes acknowledged rows; once it sleeps, this advance also wakes it.
        await time.NextTimerAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        var again = await PullNowAsync(bus);
        Assert.Equal(["a", "c"], again.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.All(again, m => Assert.Equal(2, m.DeliveryAttempt));
        Assert.Equal(2, (await bus.GetStatsAsync(CancellationToken.None)).Backlog);

        await WaitUntilAsync(async () => await StoredRowsAsync() == 2);
    }

    [Fact]
    public async Task Acknowledgements_are_stored_on_dispose_and_a_message_leased_before_reopening_comes_back_as_attempt_2()
    {
        await using (var bus = await OpenAsync())
        {
            await bus.PublishAsync([Message("a"), Message("b"), Message("c")], CancellationToken.None);
            var leased = await PullNowAsync(bus);
            await bus.AcknowledgeAsync([leased[0].AckId, leased[2].AckId], CancellationToken.None);
        }

        Assert.Equal(1, await StoredRowsAsync());
        await using var reopened = await OpenAsync();
        Assert.Equal(1, (await reopened.GetStatsAsync(CancellationToken.None)).Backlog);
        var again = Assert.Single(await PullNowAsync(reopened));
        Assert.Equal(("b", 2), (Encoding.UTF8.GetString(again.Body.Span), again.DeliveryAttempt));
    }

    [Fact]
    public async Task A_nack_survives_reopening_with_its_delay_and_its_attempts()
    {
        var time = Clock();
        await using (var bus = await OpenAsync(time))
        {
            await bus.PublishAsync([Message("a")], CancellationToken.None);
            Assert.Single(await PullNowAsync(bus, 10, TimeSpan.FromSeconds(10)));
            time.Advance(TimeSpan.FromSeconds(11));
            var second = Assert.Single(await PullNowAsync(bus, 10, TimeSpan.FromSeconds(10)));
            await bus.ModifyAckDeadlineAsync([second.AckId], TimeSpan.FromMinutes(5), CancellationToken.None);
        }

        await using var reopened = await OpenAsync(time);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(await PullNowAsync(reopened));
        time.Advance(TimeSpan.FromMinutes(1));
        var third = Assert.Single(await PullNowAsync(reopened));
        Assert.Equal(3, third.DeliveryAttempt);
    }

    [Fact]
    public async Task Expired_leases_come_back_oldest_first_before_newer_messages()
    {
        var time = Clock();
        await using var bus = await OpenAsync(time);
        await bus.PublishAsync([Message("a"), Message("b"), Message("c")], CancellationToken.None);
        Assert.Single(await PullNowAsync(bus, 1, TimeSpan.FromMinutes(2)));
        Assert.Single(await PullNowAsync(bus, 1));
        await bus.PublishAsync([Message("d")], CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(3));
        var first = Assert.Single(await PullNowAsync(bus, 1));
        var rest = await PullNowAsync(bus);

        Assert.Equal(["a", "b", "c", "d"], rest.Prepend(first).Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal([2, 2, 1, 1], rest.Prepend(first).Select(m => m.DeliveryAttempt));
    }

    [Fact]
    public async Task A_bus_file_of_the_first_schema_is_migrated_with_its_messages()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var connection = new SqliteConnection($"Data Source={_directory.Combine("bus.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                PRAGMA journal_mode = WAL;
                CREATE TABLE messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id TEXT NOT NULL UNIQUE,
                    body BLOB NOT NULL,
                    attributes TEXT,
                    published_at INTEGER NOT NULL,
                    visible_at INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0);
                INSERT INTO messages VALUES (4, 'old-leased', CAST('a' AS BLOB), '{"{"}"replay_of":"m-0"{"}"}', {now - 60_000}, {now - 1_000}, 1);
                INSERT INTO messages VALUES (7, 'old-new', CAST('b' AS BLOB), NULL, {now - 30_000}, {now - 30_000}, 0);
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var bus = await OpenAsync();
        var published = await bus.PublishAsync([Message("c")], CancellationToken.None);
        var pulled = await PullNowAsync(bus);

        Assert.Equal(["old-leased", "old-new", published[0]], pulled.Select(m => m.MessageId));
        Assert.Equal(["a", "b", "c"], pulled.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal([2, 1, 1], pulled.Select(m => m.DeliveryAttempt));
        Assert.Equal("m-0", pulled[0].Attributes[MessageAttributes.ReplayOf]);
        Assert.True(long.Parse(pulled[2].AckId, System.Globalization.CultureInfo.InvariantCulture) > 7, "a new message took a seq of the old table");
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'"));
        Assert.Equal(1L, await ScalarAsync("PRAGMA user_version"));
    }

    [Fact]
    public async Task A_bus_file_of_a_newer_schema_is_refused_naming_the_file()
    {
        await using (var bus = await OpenAsync())
        {
            await bus.PublishAsync([Message("a")], CancellationToken.None);
        }

        await ScalarAsync("PRAGMA user_version = 9");

        var error = await Assert.ThrowsAsync<PipelineException>(() => OpenAsync());
        Assert.Contains("bus.db", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await StoredRowsAsync());
    }

    [Fact]
    public async Task Publishing_while_pulling_and_acknowledging_in_parallel_delivers_every_message_exactly_once()
    {
        const int Messages = 20_000;
        await using var bus = await OpenAsync();
        var publishing = Task.Run(async () =>
        {
            var ids = new List<string>();
            for (var sent = 0; sent < Messages; sent += 400)
            {
                ids.AddRange(await bus.PublishAsync(Enumerable.Range(sent, 400).Select(i => Message($"m{i}")).ToList(), CancellationToken.None));
            }

            return ids;
        });
        var deliveries = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var consuming = Task.Run(async () =>
        {
            // Pipelined like the consumer: the next pull runs while the previous batch is being acknowledged on another thread.
            var acknowledging = Task.CompletedTask;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (deliveries.Count < Messages)
            {
                var batch = await bus.PullAsync(500, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(200), timeout.Token);
                foreach (var message in batch)
                {
                    deliveries.AddOrUpdate(message.MessageId, 1, (_, count) => count + 1);
                }

                await acknowledging;
                acknowledging = Task.Run(() => bus.AcknowledgeAsync(batch.Select(m => m.AckId).ToList(), CancellationToken.None));
            }

            await acknowledging;
        });

        var published = await publishing;
        await consuming;

        Assert.Equal(published.Order(StringComparer.Ordinal), deliveries.Keys.Order(StringComparer.Ordinal));
        Assert.All(deliveries, d => Assert.Equal(1, d.Value));
        Assert.Equal(new BusStats(0, 0, null), await bus.GetStatsAsync(CancellationToken.None));
        Assert.Empty(await PullNowAsync(bus));
    }

    [Fact]
    public async Task Messages_stored_before_opening_and_just_published_ones_come_in_one_order_each_once()
    {
        await using (var earlier = await OpenAsync())
        {
            await earlier.PublishAsync([Message("a"), Message("b")], CancellationToken.None);
        }

        await using var bus = await OpenAsync();
        await bus.PublishAsync([Message("c"), Message("d")], CancellationToken.None);
        var first = await PullNowAsync(bus, 3);
        await bus.PublishAsync([Message("e")], CancellationToken.None);
        var rest = await PullNowAsync(bus);

        Assert.Equal(["a", "b", "c", "d", "e"], first.Concat(rest).Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }

    [Fact]
    public async Task A_backlog_larger_than_what_pulls_take_from_memory_is_read_back_from_the_file_in_order()
    {
        await using var bus = await OpenAsync();
        foreach (var chunk in Enumerable.Range(0, 25_000).Chunk(1_000))
        {
            await bus.PublishAsync([.. chunk.Select(i => Message(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))], CancellationToken.None);
        }

        var delivered = new List<int>();
        while (await PullNowAsync(bus, 4_000) is { Count: > 0 } batch)
        {
            delivered.AddRange(batch.Select(m => int.Parse(Encoding.UTF8.GetString(m.Body.Span), System.Globalization.CultureInfo.InvariantCulture)));
            await bus.AcknowledgeAsync([.. batch.Select(m => m.AckId)], CancellationToken.None);
        }

        Assert.Equal(Enumerable.Range(0, 25_000), delivered);
    }

    private Task<SqliteMessageBus> OpenAsync(TimeProvider? timeProvider = null) =>
        SqliteMessageBus.OpenAsync(_directory.Combine("bus.db"), timeProvider ?? TimeProvider.System, CancellationToken.None);

    /// <summary>Rows in the bus file as another connection sees them: what survives a crash.</summary>
    private async Task<long> StoredRowsAsync() => (long)(await ScalarAsync("SELECT count(*) FROM messages"))!;

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_directory.Combine("bus.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }

    /// <summary>A fake clock at a fixed day, moved on only by the test.</summary>
    private static FakeTimeProvider Clock() => new(DateTimeOffset.UnixEpoch.AddDays(20_000));

    /// <summary>Pulls up to <paramref name="max"/> messages (10) on a lease of <paramref name="lease"/> (a minute), without waiting for any.</summary>
    private static Task<IReadOnlyList<BusMessage>> PullNowAsync(SqliteMessageBus bus, int max = 10, TimeSpan? lease = null) =>
        bus.PullAsync(max, lease ?? TimeSpan.FromMinutes(1), NoWait, CancellationToken.None);

    private static OutgoingMessage Message(string text) => new(Encoding.UTF8.GetBytes(text));
}
