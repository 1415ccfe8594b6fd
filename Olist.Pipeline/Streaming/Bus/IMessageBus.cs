namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The order topic and its one subscription, as Pub/Sub offers them: publish is durable once it returns; delivery is
/// at least once, leased for an ack deadline and redelivered when not acknowledged in time. Dead letters are the
/// consumer's business, not the bus's.
/// </summary>
public interface IMessageBus
{
    /// <summary>Which bus this is (<c>Embedded</c>, <c>PubSub</c>), for the operations page.</summary>
    string Provider { get; }

    /// <summary>What the consumer reads: the subscription's name, or the embedded bus's file.</summary>
    string Subscription { get; }

    /// <summary>
    /// Stores <paramref name="messages"/> and returns their message ids in the same order, once they survive a crash.
    /// The bus may keep the bodies' memory to deliver them: do not change it after publishing. A failure is a
    /// <see cref="BusPublishException"/> naming the ids of the leading messages that were stored all the same (a bus that
    /// stores in several calls may store part of a request); the others were not.
    /// </summary>
    Task<IReadOnlyList<string>> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxMessages"/> deliverable messages for <paramref name="ackDeadline"/>, oldest first,
    /// waiting up to <paramref name="maxWait"/> for one to become deliverable; an empty list when none did. A bus may wait
    /// longer (Pub/Sub long-polls for at least 30 s); cancelling ends the wait at once.
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

    /// <summary>Throws when the bus cannot be reached now (for the readiness probe); the embedded bus always can.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
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
/// <param name="Backlog">Messages not yet acknowledged, leased or not; null when the bus cannot tell (Pub/Sub's REST API has no backlog count).</param>
/// <param name="Leased">Of those, the ones currently leased to a consumer of this process.</param>
/// <param name="OldestUnacknowledgedAge">
/// The consumer lag: the age of the oldest unacknowledged message (on Pub/Sub, of the oldest this process holds), null when none waits.
/// </param>
public sealed record BusStats(long? Backlog, long Leased, TimeSpan? OldestUnacknowledgedAge)
{
    /// <summary>Calls to the bus that failed since the app started (after their retries).</summary>
    public long Errors { get; init; }

    /// <summary>The latest of those failures, if any.</summary>
    public BusError? LastError { get; init; }
}

/// <summary>A failed call to the bus: when, and what the bus said.</summary>
public sealed record BusError(DateTimeOffset At, string Message);

/// <summary>
/// Publishing failed: the bus is unreachable or refused. <see cref="StoredIds"/> are the message ids of the leading
/// messages of the request that were stored nonetheless (empty when none were); the rest were not stored.
/// </summary>
public sealed class BusPublishException : Exception
{
    public BusPublishException()
        : this("Publishing failed.")
    {
    }

    public BusPublishException(string message)
        : this(message, null)
    {
    }

    public BusPublishException(string message, Exception? innerException)
        : this(message, [], transient: true, innerException)
    {
    }

    public BusPublishException(string message, IReadOnlyList<string> storedIds, bool transient, Exception? innerException)
        : base(message, innerException)
    {
        StoredIds = storedIds;
        IsTransient = transient;
    }

    /// <summary>The ids of the leading messages stored before the failure, in request order.</summary>
    public IReadOnlyList<string> StoredIds { get; }

    /// <summary>True when publishing again later may work (an outage), false when the bus refused the request itself.</summary>
    public bool IsTransient { get; }
}

/// <summary>Attribute names the stream itself sets on messages.</summary>
public static class MessageAttributes
{
    /// <summary>On a replayed dead letter: the message id it was first published under, its idempotency key when it has no event_id.</summary>
    public const string ReplayOf = "replay_of";
}
