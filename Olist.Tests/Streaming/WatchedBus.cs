namespace Olist.Tests.Streaming;

/// <summary>
/// A bus that tells each time the consumer hands messages back for a later delivery (a retry or a backoff): the consumer
/// has then judged them and held them back, so a test proves "not handled yet" without waiting real time.
/// </summary>
internal sealed class WatchedBus(IMessageBus inner) : DelegatingBus(inner)
{
    private readonly Occurrences<int> _handedBack = new("the consumer handing messages back");

    /// <summary>Waits until messages were handed back <paramref name="times"/> more times since the last wait.</summary>
    public async Task HandedBackAsync(int times)
    {
        for (var seen = 0; seen < times; seen++)
        {
            await _handedBack.NextAsync();
        }
    }

    public override async Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken)
    {
        await base.ModifyAckDeadlineAsync(ackIds, delay, cancellationToken);
        if (ackIds.Count > 0 && delay > TimeSpan.Zero)
        {
            _handedBack.Add(ackIds.Count);
        }
    }
}
