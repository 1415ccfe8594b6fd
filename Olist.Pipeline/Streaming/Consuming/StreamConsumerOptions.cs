namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>How the consumer pulls, batches and retries; bound from the configuration section <c>Olist:Stream</c>.</summary>
public sealed class StreamConsumerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Stream";

    /// <summary>Most messages written in one warehouse transaction.</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>How long a pulled message stays leased before the bus delivers it again.</summary>
    public TimeSpan AckDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one pull waits for a message before the loop looks around again.</summary>
    public TimeSpan PullWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The write-ahead log size (MB) at which DuckDB folds it into the warehouse file. Each fold rewrites the stream
    /// tables' open row groups, so DuckDB's 16 MB default rewrites them many times during a burst; a larger log costs
    /// a longer replay after a crash instead.
    /// </summary>
    public int CheckpointThresholdMegabytes { get; set; } = 128;

    /// <summary>How long after publishing a status change for an unseen order is retried before it is dead-lettered as unknown_order.</summary>
    public TimeSpan UnknownOrderRetryWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first retry delay; each further attempt doubles it.</summary>
    public TimeSpan RetryBackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan RetryBackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before delivery attempt <paramref name="attempt"/> + 1: exponential from the base, capped.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 20);
        var delay = RetryBackoffBase * Math.Pow(2, doublings);
        return delay < RetryBackoffMax ? delay : RetryBackoffMax;
    }
}
