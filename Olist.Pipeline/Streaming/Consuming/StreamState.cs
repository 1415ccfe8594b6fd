namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// What the consumer must know to judge a message, mirrored from the committed warehouse: messages already handled,
/// event keys already accepted, the stream's orders, and the ids a new event may refer to. Changed only after a commit.
/// </summary>
internal sealed class StreamState
{
    /// <summary>
    /// Messages handled, by message id and publish time (Unix milliseconds): a redelivery has both, while a message
    /// that reuses an id has another publish time (the Pub/Sub emulator numbers messages from 1 again after a restart).
    /// </summary>
    public HashSet<(string MessageId, long PublishedAtMs)> HandledMessages { get; } = [];

    /// <summary>The key <see cref="HandledMessages"/> knows a message by; milliseconds, as every bus can keep them exactly.</summary>
    public static (string MessageId, long PublishedAtMs) HandledKey(Bus.BusMessage message) =>
        (message.MessageId, message.PublishedAt.ToUnixTimeMilliseconds());

    public HashSet<string> AcceptedEventKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The current row of every order the stream wrote, and of batch orders a status change touched.</summary>
    public Dictionary<string, OrderState> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>Order ids of the batch data, which a status change may move and a creation must not repeat.</summary>
    public HashSet<string> BatchOrderIds { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Customers { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Products { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Sellers { get; } = new(StringComparer.Ordinal);

    public StreamCounters Counters { get; set; } = StreamCounters.Empty;

    /// <summary>The <c>commit_seq</c> of the latest committed batch (0 before the first); only this consumer writes the data tables.</summary>
    public long LastCommit { get; set; }

    /// <summary>True when the order exists in the stream or the batch data.</summary>
    public bool HasOrder(string orderId) => Orders.ContainsKey(orderId) || BatchOrderIds.Contains(orderId);
}
