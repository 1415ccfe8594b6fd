namespace Olist.Tests.Streaming;

/// <summary>A bus whose acknowledgements fail a given number of times: a consumer that dies between its commit and its acknowledgement.</summary>
internal sealed class FaultyBus(IMessageBus inner, int failingAcknowledgements) : DelegatingBus(inner)
{
    private int _failuresLeft = failingAcknowledgements;

    public int FailedAcknowledgements { get; private set; }

    public override Task AcknowledgeAsync(IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken)
    {
        if (_failuresLeft-- > 0)
        {
            FailedAcknowledgements++;
            throw new IOException("simulated crash before the acknowledgement");
        }

        return base.AcknowledgeAsync(ackIds, cancellationToken);
    }
}
