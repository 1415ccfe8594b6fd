namespace Olist.Tests.Streaming;

/// <summary>A bus that passes every call to another; a test bus overrides the calls it fails or watches.</summary>
internal abstract class DelegatingBus(IMessageBus inner) : IMessageBus
{
    public string Provider => inner.Provider;

    public string Subscription => inner.Subscription;

    public virtual Task<IReadOnlyList<string>> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken) =>
        inner.PublishAsync(messages, cancellationToken);

    public virtual Task<IReadOnlyList<BusMessage>> PullAsync(int maxMessages, TimeSpan ackDeadline, TimeSpan maxWait, CancellationToken cancellationToken) =>
        inner.PullAsync(maxMessages, ackDeadline, maxWait, cancellationToken);

    public virtual Task AcknowledgeAsync(IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken) =>
        inner.AcknowledgeAsync(ackIds, cancellationToken);

    public virtual Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken) =>
        inner.ModifyAckDeadlineAsync(ackIds, delay, cancellationToken);

    public virtual Task<BusStats> GetStatsAsync(CancellationToken cancellationToken) => inner.GetStatsAsync(cancellationToken);

    public virtual Task ProbeAsync(CancellationToken cancellationToken) => inner.ProbeAsync(cancellationToken);
}
