using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Olist.Pipeline.Errors;
using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Orchestration.Scheduling;
using Olist.Pipeline.Orchestration.Store;
using Olist.Web.Security;

namespace Olist.Web.Api;

/// <summary>
/// The run history and run control API. Viewers read: <c>GET /api/runs</c>, <c>GET /api/runs/{id}</c>. Operators act:
/// <c>POST /api/runs</c>, <c>POST /api/backfills</c>, <c>POST /api/runs/{id}/retry</c>, <c>POST /api/schedule/pause|resume</c>.
/// Bodies are JSON (snake_case); bad input gets 400 with a message, never a 500.
/// </summary>
public static class RunEndpoints
{
    /// <summary>snake_case names and state names (<c>upstream_failed</c>), as the rest of the API.</summary>
    public static JsonSerializerOptions Json { get; } = new(RunJson.Options) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api").RequireAuthorization(OlistPolicies.Viewer);
        read.MapGet("/runs", ListAsync);
        read.MapGet("/runs/{id:long}", GetAsync);
        read.MapGet("/backfills", async (OpsStore store, CancellationToken cancellationToken) => Results.Json(await store.ListBackfillsAsync(20, cancellationToken), Json));
        var act = endpoints.MapGroup("/api").RequireAuthorization(OlistPolicies.Operator);
        act.MapPost("/runs", TriggerAsync);
        act.MapPost("/backfills", BackfillAsync);
        act.MapPost("/runs/{id:long}/retry", RetryAsync);
        act.MapPost("/schedule/pause", async (DagScheduler scheduler, CancellationToken cancellationToken) => await ScheduleAsync(scheduler, pause: true, cancellationToken));
        act.MapPost("/schedule/resume", async (DagScheduler scheduler, CancellationToken cancellationToken) => await ScheduleAsync(scheduler, pause: false, cancellationToken));
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, OpsStore store, CancellationToken cancellationToken)
    {
        try
        {
            var query = request.Query;
            var filter = new RunFilter(
                Optional(query["state"], StateNames.Parse<RunState>),
                Optional(query["type"], StateNames.Parse<RunType>),
                Optional(query["from"], text => Date("from", text)),
                Optional(query["to"], text => Date("to", text)),
                Optional(query["limit"], text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
                    ? n
                    : throw new PipelineException($"limit '{text}' must be a whole number from 1 to 1000.")) is { } limit ? limit : 50);
            return Results.Json((await store.ListRunsAsync(filter, cancellationToken)).Select(RunJson.From), Json);
        }
        catch (PipelineException ex)
        {
            return Error(ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> GetAsync(long id, OpsStore store, CancellationToken cancellationToken) =>
        await store.GetRunDetailAsync(id, cancellationToken) is { } detail
            ? Results.Json(RunDetailJson.From(detail), Json)
            : Error($"there is no run {id}", StatusCodes.Status404NotFound);

    private static async Task<IResult> TriggerAsync(HttpRequest request, Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        try
        {
            var body = await BodyAsync<TriggerBody>(request, cancellationToken);
            var run = await orchestrator.QueueRunAsync(Date("logical_date", body.LogicalDate), body.FullRefresh, RunType.Manual, cancellationToken);
            return Results.Json(RunJson.From(run), Json, statusCode: StatusCodes.Status202Accepted);
        }
        catch (PipelineException ex)
        {
            return Error(ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> BackfillAsync(HttpRequest request, Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        try
        {
            var body = await BodyAsync<BackfillBody>(request, cancellationToken);
            var backfill = await orchestrator.QueueBackfillAsync(Date("from", body.From), Date("to", body.To), body.Rerun, cancellationToken);
            return Results.Json(backfill, Json, statusCode: StatusCodes.Status202Accepted);
        }
        catch (PipelineException ex)
        {
            return Error(ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> RetryAsync(long id, Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        if (await orchestrator.Store.GetRunAsync(id, cancellationToken) is null)
        {
            return Error($"there is no run {id}", StatusCodes.Status404NotFound);
        }

        try
        {
            return Results.Json(RunJson.From(await orchestrator.RetryAsync(id, cancellationToken)), Json, statusCode: StatusCodes.Status202Accepted);
        }
        catch (PipelineException ex)
        {
            return Error(ex.Message, StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> ScheduleAsync(DagScheduler scheduler, bool pause, CancellationToken cancellationToken)
    {
        await (pause ? scheduler.PauseAsync(cancellationToken) : scheduler.ResumeAsync(cancellationToken));
        var state = await scheduler.StateAsync(cancellationToken);
        return Results.Json(new ScheduleJson(state.Paused, await scheduler.NextFireAsync(cancellationToken), scheduler.Schedule.Cron, scheduler.Schedule.TimeZone.Id), Json);
    }

    /// <summary>The JSON body; a missing, non-JSON or malformed one is a clear error.</summary>
    internal static async Task<T> BodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new PipelineException("send a JSON body with Content-Type: application/json.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken)
                ?? throw new PipelineException("the body is empty: send a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new PipelineException($"the body is not the expected JSON object: {ex.Message}", ex);
        }
    }

    private static DateOnly Date(string field, string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new PipelineException(text is null ? $"{field} is required (YYYY-MM-DD)." : $"{field} '{text}' is not a date: use YYYY-MM-DD.");

    private static T? Optional<T>(string? text, Func<string, T> parse)
        where T : struct => string.IsNullOrEmpty(text) ? null : parse(text);

    /// <summary>A refusal with a one-line message, as every endpoint of the API answers one.</summary>
    internal static IResult Error(string message, int statusCode) => Results.Json(new ErrorJson(message), Json, statusCode: statusCode);

    private sealed record TriggerBody(string? LogicalDate, bool FullRefresh);

    private sealed record BackfillBody(string? From, string? To, bool Rerun);

    private sealed record ErrorJson(string Error);

    private sealed record ScheduleJson(bool Paused, DateTimeOffset? NextRunAt, string Cron, string TimeZone);
}
