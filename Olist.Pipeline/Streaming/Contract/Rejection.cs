namespace Olist.Pipeline.Streaming.Contract;

/// <summary>Why a message cannot be accepted: the dead-letter reason (events.md) and a one-line detail naming the field or value.</summary>
public sealed record Rejection(string Reason, string Detail);

/// <summary>The outcome of decoding one message: an event, or the rejection that sends it to the dead letters.</summary>
public readonly record struct DecodedMessage(OrderEvent? Event, Rejection? Rejection)
{
    public static DecodedMessage Of(OrderEvent orderEvent) => new(orderEvent, null);

    public static DecodedMessage Rejected(string reason, string detail) => new(null, new Rejection(reason, detail));
}
