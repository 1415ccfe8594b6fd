using System.Text;
using Olist.Pipeline.Streaming.Bus;
using Olist.Tests.TestSupport;

namespace Olist.Tests.Streaming;

/// <summary>The embedded bus on a real SQLite file: durable publish, leases, redelivery, attempt counts, backoff and backlog.</summary>
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
        var pulled = await reopened.PullAsync(10, TimeSpan.FromMinutes(1), NoWait, CancellationToken.None);

        Assert.Equal(ids, pulled.Select(m => m.MessageId));
        Assert.Equal(["a", "b", "c"], pulled.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.All(pulled, m => Assert.Equal(1, m.DeliveryAttempt));
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task An_unacknowledged_message_is_delivered_again_after_its_deadline_with_the_next_attempt_number()
    {
        await using var bus = await OpenAsync();
        await bus.PublishAsync([Message("a")], CancellationToken.None);

        var first = Assert.Single(await bus.PullAsync(10, TimeSpan.FromMilliseconds(200), NoWait, CancellationToken.None));
        Assert.Empty(await bus.PullAsync(10, TimeSpan.FromMinutes(1), NoWait, CancellationToken.None));
        var stats = await bus.GetStatsAsync(CancellationToken.None);
        Assert.Equal((1, 1), (stats.Backlog, stats.Leased));

        var second = Assert.Single(await bus.PullAsync(10, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), CancellationToken.None));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DeliveryAttempt);

        await bus.AcknowledgeAsync([second.AckId], CancellationToken.None);
        Assert.Equal(0, (await bus.GetStatsAsync(CancellationToken.None)).Backlog);
        Assert.Empty(await bus.PullAsync(10, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(300), CancellationToken.None));
    }

    [Fact]
    public async Task A_nack_with_backoff_holds_the_message_back_until_the_delay_passed()
    {
        await using var bus = await OpenAsync();
        await bus.PublishAsync([Message("a")], CancellationToken.None);
        var leased = Assert.Single(await bus.PullAsync(10, TimeSpan.FromMinutes(1), NoWait, CancellationToken.None));

        await bus.ModifyAckDeadlineAsync([leased.AckId], TimeSpan.FromMilliseconds(400), CancellationToken.None);

        Assert.Empty(await bus.PullAsync(10, TimeSpan.FromMinutes(1), NoWait, CancellationToken.None));
        var started = DateTime.UtcNow;
        var again = Assert.Single(await bus.PullAsync(10, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(3), CancellationToken.None));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(300), "the message came back before its backoff ended");
        Assert.Equal(2, again.DeliveryAttempt);
    }

    [Fact]
    public async Task Stats_report_the_backlog_and_the_age_of_the_oldest_message()
    {
        await using var bus = await OpenAsync();
        Assert.Equal(new BusStats(0, 0, null), await bus.GetStatsAsync(CancellationToken.None));

        await bus.PublishAsync([Message("a"), Message("b")], CancellationToken.None);
        await Task.Delay(50);
        var stats = await bus.GetStatsAsync(CancellationToken.None);

        Assert.Equal(2, stats.Backlog);
        Assert.True(stats.OldestUnacknowledgedAge >= TimeSpan.FromMilliseconds(40), $"oldest age {stats.OldestUnacknowledgedAge}");
    }

    [Fact]
    public async Task Attributes_travel_with_the_message()
    {
        await using var bus = await OpenAsync();
        await bus.PublishAsync([new OutgoingMessage(Encoding.UTF8.GetBytes("x"), new Dictionary<string, string> { [MessageAttributes.ReplayOf] = "m-1" })], CancellationToken.None);

        var message = Assert.Single(await bus.PullAsync(1, TimeSpan.FromMinutes(1), NoWait, CancellationToken.None));

        Assert.Equal("m-1", message.Attributes[MessageAttributes.ReplayOf]);
    }

    private Task<SqliteMessageBus> OpenAsync() => SqliteMessageBus.OpenAsync(_directory.Combine("bus.db"), TimeProvider.System, CancellationToken.None);

    private static OutgoingMessage Message(string text) => new(Encoding.UTF8.GetBytes(text));
}
