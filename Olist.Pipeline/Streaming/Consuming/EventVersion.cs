using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// Where an event stands among the versions of its order (metrics.md rule 9, docs/live-stream.md "Publish order"): the
/// later event time is newer; at the same event time the message published later (publish time, then publish sequence);
/// then the higher event id. Staging ranks the stream rows by the same columns, so the consumer's current order and the
/// warehouse's newest row are the same one. Times are held to the microsecond, as the warehouse stores them.
/// </summary>
/// <param name="EventTime">The event's <c>timestamp</c>.</param>
/// <param name="PublishedAt">The bus message's publish time.</param>
/// <param name="PublishSequence">The bus message's publish sequence.</param>
/// <param name="EventId">The event's idempotency key (<c>event_id</c>, else the message id).</param>
public readonly record struct EventVersion(DateTimeOffset EventTime, DateTimeOffset PublishedAt, long PublishSequence, string EventId)
    : IComparable<EventVersion>
{
    /// <summary>The version of <paramref name="orderEvent"/> as delivered in <paramref name="message"/>.</summary>
    public static EventVersion Of(OrderEvent orderEvent, BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        ArgumentNullException.ThrowIfNull(message);
        return new(Microseconds(orderEvent.Timestamp), Microseconds(message.PublishedAt), message.PublishSequence, orderEvent.EventKey);
    }

    public static bool operator <(EventVersion left, EventVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(EventVersion left, EventVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventVersion left, EventVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventVersion left, EventVersion right) => left.CompareTo(right) >= 0;

    public int CompareTo(EventVersion other)
    {
        var byTime = EventTime.CompareTo(other.EventTime);
        if (byTime != 0)
        {
            return byTime;
        }

        var byPublishTime = PublishedAt.CompareTo(other.PublishedAt);
        if (byPublishTime != 0)
        {
            return byPublishTime;
        }

        var bySequence = PublishSequence.CompareTo(other.PublishSequence);
        return bySequence != 0 ? bySequence : string.CompareOrdinal(EventId, other.EventId);
    }

    private static DateTimeOffset Microseconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
