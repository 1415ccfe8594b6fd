namespace Olist.Pipeline.Streaming.Live;

/// <summary>The live metrics of metrics.md section 5 over the accepted events of one local (America/Sao_Paulo) day.</summary>
/// <param name="Day">The local day.</param>
/// <param name="Orders">Sales orders (not canceled, not unavailable) purchased that day.</param>
/// <param name="ItemRevenue">Sum of their item prices.</param>
/// <param name="OrderValue">Sum of their payments.</param>
/// <param name="AverageOrderValue">Order value per sales order; null without orders.</param>
/// <param name="OrdersPerMinuteLast1">Orders created in the last minute.</param>
/// <param name="OrdersPerMinuteLast5">Orders created per minute over the last 5 minutes.</param>
/// <param name="OrdersPerMinuteLast15">Orders created per minute over the last 15 minutes.</param>
/// <param name="TopCategories">Categories by item revenue of the day, best first.</param>
/// <param name="TopStates">Customer states by sales orders of the day, most first.</param>
/// <param name="EventsAccepted">Messages accepted that day.</param>
/// <param name="EventsDeadLettered">Messages dead-lettered that day.</param>
/// <param name="DuplicatesDropped">Messages dropped as duplicates that day.</param>
/// <param name="ConsumerLag">Age of the oldest unacknowledged message; null when the bus is empty.</param>
/// <param name="OrdersByMinute">Orders created in each of the last minutes, oldest first, for the orders-per-minute chart.</param>
public sealed record LiveMetrics(
    DateOnly Day,
    long Orders,
    decimal ItemRevenue,
    decimal OrderValue,
    decimal? AverageOrderValue,
    double OrdersPerMinuteLast1,
    double OrdersPerMinuteLast5,
    double OrdersPerMinuteLast15,
    IReadOnlyList<RankedValue> TopCategories,
    IReadOnlyList<RankedValue> TopStates,
    long EventsAccepted,
    long EventsDeadLettered,
    long DuplicatesDropped,
    TimeSpan? ConsumerLag,
    IReadOnlyList<MinuteCount> OrdersByMinute);

/// <summary>One row of a top list: a category or state and its figure.</summary>
public sealed record RankedValue(string Name, decimal Value);

/// <summary>Orders created in the minute that starts at <paramref name="Minute"/> (UTC).</summary>
public sealed record MinuteCount(DateTimeOffset Minute, long Orders);
