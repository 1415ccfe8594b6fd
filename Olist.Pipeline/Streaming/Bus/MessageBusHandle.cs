using Olist.Pipeline.Streaming.DeadLetters;

namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The bus of the data directory, opened once and asynchronously through its <see cref="IMessageBusProvider"/>: by the
/// workspace when the data is ready, else by the first call. An open that failed (a damaged file, Pub/Sub not answering)
/// is tried again by the next call, which fails with the reason until the bus can be opened. Until then nothing touches
/// the data directory or the network, so the consumer, the dead letters and the pages can hold it from the start.
/// </summary>
public sealed class MessageBusHandle(IMessageBusProvider provider) : IMessageBus, IDeadLetterTopic, IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private volatile IMessageBus? _bus;
    private int _disposed;

    public string Provider => provider.Provider;

    public string Subscription => _bus?.Subscription ?? provider.Subscription;

    /// <summary>Dead letters are also published once the opened bus has a dead-letter topic (Pub/Sub's <c>DeadLetterTopic</c>).</summary>
    public bool HasDeadLetterTopic => _bus is IDeadLetterTopic { HasDeadLetterTopic: true };

    /// <summary>The opened bus, opening it now when it is not open yet.</summary>
    public async ValueTask<IMessageBus> OpenAsync(CancellationToken cancellationToken)
    {
        if (_bus is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            return _bus ??= await provider.OpenAsync(cancellationToken);
        }
        finally
        {
            _opening.Release();
        }
    }

    public async Task<IReadOnlyList<string>> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken)).PublishAsync(messages, cancellationToken);

    public async Task<IReadOnlyList<BusMessage>> PullAsync(int maxMessages, TimeSpan ackDeadline, TimeSpan maxWait, CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken)).PullAsync(maxMessages, ackDeadline, maxWait, cancellationToken);

    public async Task AcknowledgeAsync(IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken)).AcknowledgeAsync(ackIds, cancellationToken);

    public async Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken)).ModifyAckDeadlineAsync(ackIds, delay, cancellationToken);

    public async Task<BusStats> GetStatsAsync(CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken)).GetStatsAsync(cancellationToken);

    public async Task ProbeAsync(CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken)).ProbeAsync(cancellationToken);

    public async Task PublishDeadLettersAsync(IReadOnlyList<DeadLetterCopy> letters, CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is IDeadLetterTopic topic)
        {
            await topic.PublishDeadLettersAsync(letters, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per service type it is registered under.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_bus is IAsyncDisposable opened)
        {
            await opened.DisposeAsync();
        }

        _opening.Dispose();
    }
}
