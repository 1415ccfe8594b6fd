namespace Olist.Pipeline.Streaming.DeadLetters;

/// <summary>A topic that receives a copy of every dead letter, besides the warehouse (Pub/Sub's <c>DeadLetterTopic</c>).</summary>
public interface IDeadLetterTopic
{
    /// <summary>True when copies are published; false when no topic is configured.</summary>
    bool HasDeadLetterTopic { get; }

    /// <summary>Publishes the copies; a failure is transient for the consumer (the batch is delivered again).</summary>
    Task PublishDeadLettersAsync(IReadOnlyList<DeadLetterCopy> letters, CancellationToken cancellationToken);
}

/// <summary>A dead letter as published to the dead-letter topic: the bytes as received, the reason and the original message id.</summary>
public sealed record DeadLetterCopy(ReadOnlyMemory<byte> Body, string Reason, string MessageId)
{
    /// <summary>The attribute carrying the reason.</summary>
    public const string ReasonAttribute = "dead_letter_reason";

    /// <summary>The attribute carrying the message id the letter had on the order topic.</summary>
    public const string MessageIdAttribute = "original_message_id";

    /// <summary>The attribute naming the subscription that dead-lettered it.</summary>
    public const string SubscriptionAttribute = "subscription";
}
