namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The order topic and its one subscription, as Pub/Sub offers them: publish is durable once it returns; delivery is
/// at least once, leased for an ack deadline and redelivered when not acknowledged in time. Dead letters are the
/// consumer's business, not the bus's.
/// </summary>
public interface IMessageBus
{
    /// <summary>
    /// Stores <paramref name="messages"/> and returns their message ids in the same order, once they survive a crash.
    /// The bus may keep the bodies' memory to deliver them: do not change it after publishing.
    /// </summary>
    Task<IReadOnlyList<string>> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxMessages"/> deliverable messages for <paramref name="ackDeadline"/>, oldest first,
    /// waiting up to <paramref name="maxWait"/> for one to become deliverable; an empty list when none did.
    /// </summary>
    Task<IReadOnlyList<BusMessage>> PullAsync(int maxMessages, TimeSpan ackDeadline, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the messages for good: their outcome is stored. They are never delivered again, except after a crash that
    /// came before the bus stored the removal (at least once: the consumer dedupes by message id).
    /// </summary>
    Task AcknowledgeAsync(IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken);

    /// <summary>Makes the messages deliverable again after <paramref name="delay"/> (zero = now): a negative acknowledgement with backoff.</summary>
    Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>How many messages wait and how old the oldest is.</summary>
    Task<BusStats> GetStatsAsync(CancellationToken cancellationToken);
}

/// <summary>A message to publish: its bytes as sent, and optional attributes (Pub/Sub's string key-value pairs).</summary>
public sealed record OutgoingMessage(ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>
/// A leased message. Its publish order, whatever the bus, is (<see cref="PublishedAt"/>, <see cref="PublishSequence"/>):
/// of two messages of the topic, the one published later has the later publish time or, at the same time, the higher
/// sequence. The consumer breaks ties of event time with it (docs/live-stream.md, "Publish order").
/// </summary>
/// <param name="MessageId">The bus's id of the message, stable across redeliveries.</param>
/// <param name="AckId">The handle to acknowledge or modify this lease with.</param>
/// <param name="Body">The bytes as published.</param>
/// <param name="Attributes">The attributes as published (empty when none).</param>
/// <param name="PublishedAt">
/// When the bus stored it, the same across redeliveries; never earlier than a message whose publish returned before this
/// one's began (the embedded bus: taken under its write gate, never behind the previous publish; Pub/Sub: <c>publishTime</c>).
/// </param>
/// <param name="PublishSequence">
/// Orders messages of the same <paramref name="PublishedAt"/>, the same across redeliveries: higher for a message published
/// later (the embedded bus: its row's seq, which orders every publish; Pub/Sub: the numeric <c>messageId</c>, which
/// the service hands out in increasing order within a topic in practice, though it does not promise it; 0 when the id is
/// not a number).
/// </param>
/// <param name="DeliveryAttempt">
/// 1 on the first delivery, counting every lease since; across a restart it counts at least one for the deliveries before.
/// </param>
public sealed record BusMessage(
    string MessageId,
    string AckId,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset PublishedAt,
    long PublishSequence,
    int DeliveryAttempt);

/// <summary>The subscription's backlog.</summary>
/// <param name="Backlog">Messages not yet acknowledged, leased or not.</param>
/// <param name="Leased">Of those, the ones currently leased to a consumer.</param>
/// <param name="OldestUnacknowledgedAge">Age of the oldest unacknowledged message (the consumer lag), null when none waits.</param>
public sealed record BusStats(long Backlog, long Leased, TimeSpan? OldestUnacknowledgedAge);

/// <summary>Attribute names the stream itself sets on messages.</summary>
public static class MessageAttributes
{
    /// <summary>On a replayed dead letter: the message id it was first published under, its idempotency key when it has no event_id.</summary>
    public const string ReplayOf = "replay_of";
}
