namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>What the consumer is doing.</summary>
public enum ConsumerPhase
{
    /// <summary>Not started, or waiting for the warehouse to be ready.</summary>
    Waiting,

    /// <summary>Another consumer of this process writes to the same warehouse; this one takes over when it stops.</summary>
    Standby,

    /// <summary>Pulling and writing.</summary>
    Running,

    /// <summary>The warehouse or bus failed; the batch will be delivered again after a backoff.</summary>
    Retrying,

    /// <summary>Stopped with the app.</summary>
    Stopped,
}

/// <summary>A snapshot of the consumer for the operations page.</summary>
/// <param name="Phase">What it is doing.</param>
/// <param name="LastBatchAt">When it last committed a batch.</param>
/// <param name="Batches">Batches committed since the app started.</param>
/// <param name="LastError">The one-line reason of the latest transient failure, cleared by the next commit.</param>
public sealed record ConsumerStatus(ConsumerPhase Phase, DateTimeOffset? LastBatchAt, long Batches, string? LastError)
{
    public static ConsumerStatus Initial { get; } = new(ConsumerPhase.Waiting, null, 0, null);
}
