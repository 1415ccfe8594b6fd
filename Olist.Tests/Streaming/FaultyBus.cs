using Olist.Pipeline.Streaming.Bus;

namespace Olist.Tests.Streaming;

/// <summary>A bus whose acknowledgements fail a given number of times: a consumer that dies between its commit and its acknowledgement.</summary>
internal sealed class FaultyBus(IMessageBus inner, int failingAcknowledgements) : IMessageBus
{
    private int _failuresLeft = failingAcknowledgements;

    public int FailedAcknowledgements { get; private set; }

    public string Provider => inner.Provider;

    public string Subscription => inner.Subscription;

    public Task AcknowledgeAsync(IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken)
    {
        if (_failuresLeft-- > 0)
        {
            FailedAcknowledgements++;
            throw new IOException("simulated crash before the acknowledgement");
        }

        return inner.AcknowledgeAsync(ackIds, cancellationToken);
    }

    public Task<IReadOnlyList<string>> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken) =>
        inner.PublishAsync(messages, cancellationToken);

    public Task<IReadOnlyList<BusMessage>> PullAsync(int maxMessages, TimeSpan ackDeadline, TimeSpan maxWait, CancellationToken cancellationToken) =>
        inner.PullAsync(maxMessages, ackDeadline, maxWait, cancellationToken);

    public Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken) =>
        inner.ModifyAckDeadlineAsync(ackIds, delay, cancellationToken);

    public Task<BusStats> GetStatsAsync(CancellationToken cancellationToken) => inner.GetStatsAsync(cancellationToken);

    public Task ProbeAsync(CancellationToken cancellationToken) => inner.ProbeAsync(cancellationToken);
}
