using System.Text.Json;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Consuming;
using Olist.Pipeline.Streaming.Live;
using Olist.Pipeline.Streaming.Publishing;
using Olist.Pipeline.Warehouse;
using Olist.Web.FirstRun;
using Olist.Web.Security;
using Olist.Web.Streaming;

namespace Olist.Web.Api;

/// <summary>
/// The live stream's HTTP API: <c>POST /api/events/orders</c> (publisher key) puts events on the bus,
/// <c>GET /api/events/catalog</c> (publisher key) gives the <c>stream</c> verb products and customers to sell to, and
/// <c>GET /api/live/summary</c> reports the counters, backlog and live metrics.
/// </summary>
public static class EventEndpoints
{
    /// <summary>Largest request body: 10 MB. A single message over 256 KiB is still accepted and dead-lettered as too_large with its bytes.</summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

    /// <summary>The header carrying the publisher key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>What a publisher is told to wait after a bus outage, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>JSON of this API: snake_case like the event contract.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Maps the stream's endpoints.</summary>
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/events/orders", PublishAsync);
        endpoints.MapGet("/api/events/catalog", CatalogAsync);
        endpoints.MapGet("/api/live/summary", SummaryAsync);
        return endpoints;
    }

    private static async Task<IResult> PublishAsync(HttpRequest request, PublisherKey key, IMessageBus bus, CancellationToken cancellationToken)
    {
        if (!await key.IsValidAsync(request.Headers[ApiKeyHeader]))
        {
            return Error("a valid X-Api-Key header (the publisher key) is required", StatusCodes.Status401Unauthorized);
        }

        if (request.ContentLength > MaxRequestBytes)
        {
            return TooLarge();
        }

        var body = await ReadLimitedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        var messages = EventBody.Split(body, request.ContentType);
        if (messages.Count == 0)
        {
            return Error("the body holds no event: send one JSON event or NDJSON, one event per line", StatusCodes.Status400BadRequest);
        }

        try
        {
            var ids = await bus.PublishAsync(messages.Select(m => new OutgoingMessage(m)).ToList(), cancellationToken);
            return Results.Json(new PublishResponse(ids), Json, statusCode: StatusCodes.Status202Accepted);
        }
        catch (BusPublishException ex)
        {
            return NotPublished(request.HttpContext, ex, messages.Count);
        }
    }

    /// <summary>
    /// The bus failed: 503 with Retry-After when it is an outage, 502 when the bus refused the request; either way the body
    /// names the ids of the leading events that were stored, so the caller resends exactly the others.
    /// </summary>
    private static IResult NotPublished(HttpContext context, BusPublishException failure, int events)
    {
        var status = failure.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway;
        if (failure.IsTransient)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var stored = failure.StoredIds.Count;
        var detail = stored == 0
            ? $"the bus did not store the {events} events; send them again later: {failure.Message}"
            : $"the bus stored the first {stored} of {events} events (stored_message_ids) and not the other {events - stored}; send only those again: {failure.Message}";
        return Results.Json(new NotPublishedResponse(detail, failure.StoredIds, events - stored), Json, statusCode: status);
    }

    private static async Task<IResult> CatalogAsync(HttpRequest request, PublisherKey key, DuckDbWarehouse warehouse, DataPreparationState dataState, CancellationToken cancellationToken)
    {
        if (!await key.IsValidAsync(request.Headers[ApiKeyHeader]))
        {
            return Error("a valid X-Api-Key header (the publisher key) is required", StatusCodes.Status401Unauthorized);
        }

        if (dataState.Current.Phase != DataPhase.Ready)
        {
            return Error("the warehouse is still being prepared; try again when /readyz says ready", StatusCodes.Status503ServiceUnavailable);
        }

        var size = int.TryParse(request.Query["size"], out var requested) ? Math.Clamp(requested, 1, 5000) : 500;
        return Results.Json(await LiveCatalogReader.ReadAsync(warehouse, size, cancellationToken), Json);
    }

    private static async Task<IResult> SummaryAsync(
        OrderStreamConsumer consumer, IMessageBus bus, LiveMetricsQuery metrics, LiveFeed feed, CancellationToken cancellationToken)
    {
        var counters = consumer.Counters;
        var status = consumer.Status;
        var stats = await bus.GetStatsAsync(cancellationToken);
        var live = status.Phase is ConsumerPhase.Waiting or ConsumerPhase.Standby ? null : await metrics.ReadAsync(cancellationToken);
        return Results.Json(
            new LiveSummary(
                counters.Accepted,
                counters.Duplicates,
                counters.DeadLettered,
                counters.DeadLetteredByReason,
                counters.PaymentMismatches,
                stats.Backlog,
                stats.OldestUnacknowledgedAge?.TotalSeconds,
                status.Phase.ToString().ToLowerInvariant(),
                status.LastError,
                new BusSummary(
                    bus.Provider,
                    bus.Subscription,
                    stats.Leased,
                    stats.OldestUnacknowledgedAge?.TotalSeconds,
                    feed.Throughput.MessagesPerSecond,
                    stats.Errors,
                    stats.LastError?.Message,
                    stats.LastError?.At),
                live),
            Json);
    }

    /// <summary>Reads the body up to the limit; null when it is longer.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > MaxRequestBytes)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static IResult TooLarge() =>
        Error($"the body is over {MaxRequestBytes / (1024 * 1024)} MB; send smaller NDJSON batches", StatusCodes.Status413PayloadTooLarge);

    private static IResult Error(string message, int statusCode) => Results.Json(new ErrorResponse(message), Json, statusCode: statusCode);

    /// <summary>The 202 answer: one message id per event, in request order.</summary>
    private sealed record PublishResponse(IReadOnlyList<string> MessageIds);

    private sealed record ErrorResponse(string Error);

    /// <summary>The 503/502 answer: what went wrong, the ids of the leading events stored, how many were not.</summary>
    private sealed record NotPublishedResponse(string Error, IReadOnlyList<string> StoredMessageIds, int NotStored);

    /// <summary>The body of <c>GET /api/live/summary</c>.</summary>
    private sealed record LiveSummary(
        long Accepted,
        long Duplicates,
        long DeadLettered,
        IReadOnlyDictionary<string, long> DeadLetteredByReason,
        long PaymentMismatch,
        long? Backlog,
        double? OldestUnacknowledgedSeconds,
        string Consumer,
        string? ConsumerError,
        BusSummary Bus,
        LiveMetrics? Live);

    /// <summary>The bus part of the summary: which bus, the consumer's lag and throughput, and the bus's errors.</summary>
    /// <param name="Provider">Embedded or PubSub.</param>
    /// <param name="Subscription">The subscription consumed (the bus file for the embedded bus).</param>
    /// <param name="Leased">Messages this process holds leased.</param>
    /// <param name="LagSeconds">Age of the oldest unacknowledged message (on Pub/Sub: of those this process holds).</param>
    /// <param name="ThroughputPerSecond">Messages settled per second over the last minute.</param>
    /// <param name="Errors">Failed bus calls since the app started.</param>
    /// <param name="LastError">The latest failure's message.</param>
    /// <param name="LastErrorAt">When it happened.</param>
    private sealed record BusSummary(
        string Provider,
        string Subscription,
        long Leased,
        double? LagSeconds,
        double ThroughputPerSecond,
        long Errors,
        string? LastError,
        DateTimeOffset? LastErrorAt);
}
