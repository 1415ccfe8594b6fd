using Olist.Pipeline.Streaming.Live;
using Olist.Web.Streaming;

namespace Olist.Web.Api;

/// <summary>
/// The live stream's HTTP API: <c>POST /api/events/orders</c> (publisher key) puts events on the bus,
/// <c>GET /api/events/catalog</c> (publisher key) gives the <c>stream</c> verb products and customers to sell to, and
/// <c>GET /api/live/summary</c> (viewer) reports the counters, backlog and live metrics.
/// </summary>
public static class EventEndpoints
{
    /// <summary>Largest request body: 10 MB. A single message over 256 KiB is still accepted and dead-lettered as too_large with its bytes.</summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

    /// <summary>The header carrying the publisher key.</summary>
    public const string ApiKeyHeader = PublisherKey.Header;

    /// <summary>What a publisher is told to wait after a bus outage, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>JSON of this API: snake_case like the event contract.</summary>
    public static JsonSerializerOptions Json => ApiJson.Options;

    /// <summary>Maps the stream's endpoints: the publisher's behind the publisher key, the summary behind the viewer policy.</summary>
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var publisher = endpoints.MapGroup("/api/events").RequireAuthorization(OlistPolicies.Publisher).RequireRateLimiting(RateLimits.Keyed).WithTags("Live stream");
        publisher.MapPost("/orders", PublishAsync)
            .WithSummary("Publishes order events: one JSON event, or NDJSON with one event per line (publisher key)")
            .WithDescription("Body: one JSON event (application/json) or NDJSON (application/x-ndjson), up to 10 MB. Every event is stored on the bus and gets a message id; "
                + "events the consumer cannot use are dead-lettered with their bytes, not refused here.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        publisher.MapGet("/catalog", CatalogAsync)
            .RequireReadyData()
            .WithSummary("Products and customers to sell to, for publishers that generate orders (publisher key)")
            .WithDescription("Query: size, the number of products and of customers (1 to 5000, default 500).");
        endpoints.MapGet("/api/live/summary", SummaryAsync)
            .RequireAuthorization(OlistPolicies.Viewer)
            .WithTags("Live stream")
            .WithSummary("The stream's counters since the data directory was created, its backlog, the consumer's state and today's live metrics")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<Results<Accepted<PublishResponse>, ProblemHttpResult>> PublishAsync(HttpRequest request, IMessageBus bus, CancellationToken cancellationToken)
    {
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
            return ApiProblems.BadRequest("the body holds no event: send one JSON event or NDJSON, one event per line");
        }

        try
        {
            var ids = await bus.PublishAsync(messages.Select(m => new OutgoingMessage(m)).ToList(), cancellationToken);
            return TypedResults.Accepted((string?)null, new PublishResponse(ids));
        }
        catch (BusPublishException ex)
        {
            return NotPublished(request.HttpContext, ex, messages.Count);
        }
    }

    /// <summary>
    /// The bus failed: 503 with Retry-After when it is an outage, 502 when the bus refused the request; either way the
    /// problem names in <c>stored_message_ids</c> the leading events that were stored, so the caller resends exactly the others.
    /// </summary>
    private static ProblemHttpResult NotPublished(HttpContext context, BusPublishException failure, int events)
    {
        if (failure.IsTransient)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var stored = failure.StoredIds.Count;
        var detail = stored == 0
            ? $"the bus did not store the {events} events; send them again later: {failure.Message}"
            : $"the bus stored the first {stored} of {events} events (stored_message_ids) and not the other {events - stored}; send only those again: {failure.Message}";
        return ApiProblems.Problem(
            failure.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
            detail,
            new Dictionary<string, object?> { ["stored_message_ids"] = failure.StoredIds, ["not_stored"] = events - stored });
    }

    private static async Task<Ok<LiveCatalog>> CatalogAsync(HttpRequest request, ILiveCatalogReader catalog, CancellationToken cancellationToken)
    {
        var size = int.TryParse(request.Query["size"], out var requested) ? Math.Clamp(requested, 1, 5000) : 500;
        return TypedResults.Ok(await catalog.ReadAsync(size, cancellationToken));
    }

    private static async Task<Ok<LiveSummary>> SummaryAsync(
        OrderStreamConsumer consumer, IMessageBus bus, LiveMetricsQuery metrics, LiveFeed feed, CancellationToken cancellationToken)
    {
        var counters = consumer.Counters;
        var status = consumer.Status;
        var stats = await bus.GetStatsAsync(cancellationToken);
        var live = status.Phase is ConsumerPhase.Waiting or ConsumerPhase.Standby ? null : await metrics.ReadAsync(cancellationToken);
        return TypedResults.Ok(
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
                live));
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

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, $"the body is over {MaxRequestBytes / (1024 * 1024)} MB; send smaller NDJSON batches");

    /// <summary>The 202 answer: one message id per event, in request order.</summary>
    internal sealed record PublishResponse(IReadOnlyList<string> MessageIds);

    /// <summary>The body of <c>GET /api/live/summary</c>.</summary>
    internal sealed record LiveSummary(
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
    internal sealed record BusSummary(
        string Provider,
        string Subscription,
        long Leased,
        double? LagSeconds,
        double ThroughputPerSecond,
        long Errors,
        string? LastError,
        DateTimeOffset? LastErrorAt);
}
