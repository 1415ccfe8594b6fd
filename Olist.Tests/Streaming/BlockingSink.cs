namespace Olist.Tests.Streaming;

/// <summary>Holds the consumer inside its first committed batch (committed, not yet acknowledged) until released.</summary>
internal sealed class BlockingSink : IAcceptedOrdersSink
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask OnBatchCommittedAsync(StreamBatchReport report, CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        await Release.Task;
    }
}
