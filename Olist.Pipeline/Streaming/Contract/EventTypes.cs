namespace Olist.Pipeline.Streaming.Contract;

/// <summary>The event types of the contract; <c>order_initiated</c> of the original design means <c>order_created</c>.</summary>
public static class EventTypes
{
    public const string OrderCreated = "order_created";
    public const string OrderStatusChanged = "order_status_changed";
    public const string OrderInitiated = "order_initiated";

    /// <summary>Every type an event may name, the alias included.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { OrderCreated, OrderStatusChanged, OrderInitiated };

    /// <summary>The normalised type of <paramref name="value"/>, or null when the contract does not know it.</summary>
    public static string? Normalise(string value) => value switch
    {
        OrderCreated or OrderInitiated => OrderCreated,
        OrderStatusChanged => OrderStatusChanged,
        _ => null,
    };
}
