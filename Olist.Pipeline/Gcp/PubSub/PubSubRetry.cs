namespace Olist.Pipeline.Gcp.PubSub;

/// <summary>
/// Pub/Sub's retry table (its gRPC service config, which REST follows through <c>error.status</c>): at most 5 attempts,
/// 100 ms first backoff, 60 s at most, 60 s per attempt; which statuses are retried depends on the method.
/// </summary>
public static class PubSubRetry
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    /// <summary>topics.publish: everything transient, backoff times 4 (a retried publish may store the message twice; the consumer dedupes).</summary>
    public static GoogleRetryRule Publish { get; } = Rule(
        "publish", 4, GoogleStatus.Aborted, GoogleStatus.Cancelled, GoogleStatus.Internal, GoogleStatus.ResourceExhausted, GoogleStatus.Unknown, GoogleStatus.Unavailable, GoogleStatus.DeadlineExceeded);

    /// <summary>subscriptions.pull.</summary>
    public static GoogleRetryRule Pull { get; } = Rule("pull", 1.3, GoogleStatus.Unknown, GoogleStatus.Aborted, GoogleStatus.Unavailable, GoogleStatus.Internal);

    /// <summary>topics.get, subscriptions.create and subscriptions.get.</summary>
    public static GoogleRetryRule Read { get; } = Rule("read", 1.3, GoogleStatus.Unknown, GoogleStatus.Aborted, GoogleStatus.Unavailable);

    /// <summary>topics.create, subscriptions.acknowledge and subscriptions.modifyAckDeadline.</summary>
    public static GoogleRetryRule Write { get; } = Rule("write", 1.3, GoogleStatus.Unavailable);

    private static GoogleRetryRule Rule(string name, double multiplier, params string[] statuses) =>
        new(name, new HashSet<string>(statuses, StringComparer.Ordinal), 5, Initial, multiplier, Max, TimeSpan.FromSeconds(60));
}
