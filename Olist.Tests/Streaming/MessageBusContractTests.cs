using Olist.Tests.Streaming.PubSub;

namespace Olist.Tests.Streaming;

/// <summary>
/// What the consumer relies on from any <see cref="IMessageBus"/>, checked on the embedded bus and on Pub/Sub (Google's
/// emulator, where it is installed): order and ids, attributes, acknowledgement, a nack with the next attempt number, a
/// bounded wait.
/// </summary>
[Collection(SharedPubSubEmulator.Name)]
public sealed class MessageBusContractTests(PubSubEmulator emulator) : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _directory = new();

    /// <summary>The buses under test: Pub/Sub only where the emulator is installed (<see cref="PubSubEmulator.SkipReason"/>).</summary>
    public static TheoryData<string> Buses => PubSubEmulator.SkipReason is null ? new() { BusOptions.Embedded, BusOptions.PubSub } : new() { BusOptions.Embedded };

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(Buses))]
    public async Task Published_messages_come_back_in_order_with_the_ids_publish_returned_and_their_attributes(string provider)
    {
        var bus = await CreateBusAsync(provider);
        await using var _ = (IAsyncDisposable)bus;
        var ids = await bus.PublishAsync(
            [Message("a"), new OutgoingMessage(Encoding.UTF8.GetBytes("b"), new Dictionary<string, string> { ["replay_of"] = "m-1" }), Message("c")],
            CancellationToken.None);

        var pulled = await PullAsync(bus, 3);

        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids, pulled.Select(m => m.MessageId));
        Assert.Equal(["a", "b", "c"], pulled.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal("m-1", pulled[1].Attributes["replay_of"]);
        Assert.Empty(pulled[0].Attributes);
        Assert.All(pulled, m => Assert.Equal(1, m.DeliveryAttempt));
    }

    [Theory]
    [MemberData(nameof(Buses))]
    public async Task An_acknowledged_message_does_not_come_again_and_a_nacked_one_comes_again_as_the_next_attempt(string provider)
    {
        var bus = await CreateBusAsync(provider);
        await using var _ = (IAsyncDisposable)bus;
        var ids = await bus.PublishAsync([Message("acked"), Message("nacked")], CancellationToken.None);
        var first = await PullAsync(bus, 2);

        await bus.AcknowledgeAsync([first[0].AckId], CancellationToken.None);
        await bus.ModifyAckDeadlineAsync([first[1].AckId], TimeSpan.Zero, CancellationToken.None);
        var later = await bus.PublishAsync([Message("later")], CancellationToken.None);
        var second = await PullAsync(bus, 2);

        Assert.Equal(new[] { ids[1], later[0] }.Order(StringComparer.Ordinal), second.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(second, m => m.MessageId == ids[0]);
        Assert.Equal(2, second.Single(m => m.MessageId == ids[1]).DeliveryAttempt);
        Assert.Equal(1, second.Single(m => m.MessageId == later[0]).DeliveryAttempt);
    }

    [Theory]
    [MemberData(nameof(Buses))]
    public async Task A_pull_waiting_on_an_empty_subscription_ends_at_once_when_cancelled(string provider)
    {
        var bus = await CreateBusAsync(provider);
        await using var _ = (IAsyncDisposable)bus;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.PullAsync(10, Lease, TimeSpan.FromMinutes(5), cancel.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the pull should end with its cancellation, not its wait");
    }

    /// <summary>A bus with an empty topic and subscription, disposed by the caller.</summary>
    private async Task<IMessageBus> CreateBusAsync(string provider) =>
        provider == BusOptions.PubSub
            ? await emulator.BusAsync(PubSubEmulator.Options("contract"))
            : await SqliteMessageBus.OpenAsync(_directory.Combine($"{Guid.NewGuid():N}.db"), TimeProvider.System, CancellationToken.None);

    private static OutgoingMessage Message(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Pulls until <paramref name="count"/> messages came (a bus may hand them out over several pulls).</summary>
    private static async Task<List<BusMessage>> PullAsync(IMessageBus bus, int count)
    {
        var pulled = new List<BusMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (pulled.Count < count && DateTime.UtcNow < deadline)
        {
            pulled.AddRange(await bus.PullAsync(count - pulled.Count, Lease, Wait, CancellationToken.None));
        }

        return pulled;
    }
}
