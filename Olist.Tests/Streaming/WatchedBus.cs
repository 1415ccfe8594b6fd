using System.Threading.Channels;
using Olist.Pipeline.Streaming.Bus;

namespace Olist.Tests.Streaming;

/// <summary>
/// A bus that tells each time the consumer hands messages back for a later delivery (a retry or a backoff): the consumer
/// has then judged them and held them back, so a test proves "not handled yet" without waiting real time.
/// </summary>
internal sealed class WatchedBus(IMessageBus inner) : DelegatingBus(inner)
{
    // Handing back must happen: this bound only stops a broken consumer from hanging the suite.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Channel<int> _handedBack = Channel.CreateUnbounded<int>();

    /// <summary>Waits until messages were handed back <paramref name="times"/> more times since the last wait.</summary>
    public async Task HandedBackAsync(int times)
    {
        using var timeout = new CancellationTokenSource(Patience);
        for (var seen = 0; seen < times; seen++)
        {
            try
            {
                await _handedBack.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"messages were handed back {seen} of {times} times within {Patience}");
            }
        }
    }

    public override async Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken)
    {
        await base.ModifyAckDeadlineAsync(ackIds, delay, cancellationToken);
        if (ackIds.Count > 0 && delay > TimeSpan.Zero)
        {
            _handedBack.Writer.TryWrite(ackIds.Count);
        }
    }
}
