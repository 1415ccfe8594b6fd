using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Scheduling;

namespace Olist.Web.Api;

/// <summary>
/// The run history and run control API. Viewers read: <c>GET /api/runs</c>, <c>GET /api/runs/{id}</c>. Operators act:
/// <c>POST /api/runs</c>, <c>POST /api/backfills</c>, <c>POST /api/runs/{id}/retry</c>, <c>POST /api/schedule/pause|resume</c>.
/// Bodies are JSON (snake_case); bad input gets a 400 problem, never a 500.
/// </summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api").RequireAuthorization(OlistPolicies.Viewer).WithTags("Runs");
        read.MapGet("/runs", ListAsync)
            .WithSummary("Lists runs, newest first, filtered by state, type and logical date")
            .WithDescription("Query: state (queued, running, success, failed, skipped), type (scheduled, manual, backfill), from and to (YYYY-MM-DD), limit (1 to 1000, default 50).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        read.MapGet("/runs/{id:long}", GetAsync)
            .WithSummary("One run with its tasks, tries, logs, model results and test results with failing rows")
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/backfills", async (OpsStore store, CancellationToken cancellationToken) => TypedResults.Ok(await store.ListBackfillsAsync(20, cancellationToken)))
            .WithSummary("The 20 latest backfills");
        var act = endpoints.MapGroup("/api").RequireAuthorization(OlistPolicies.Operator).RequireRateLimiting(RateLimits.Keyed).WithTags("Runs");
        act.MapPost("/runs", TriggerAsync)
            .WithSummary("Queues a manual run of the daily DAG for a logical date (operator)")
            .WithDescription("Body (application/json): {\"logical_date\": \"YYYY-MM-DD\", \"full_refresh\": false}.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        act.MapPost("/backfills", BackfillAsync)
            .WithSummary("Queues a backfill: one run per day from..to, skipping days already done unless rerun (operator)")
            .WithDescription("Body (application/json): {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\", \"rerun\": false}.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        act.MapPost("/runs/{id:long}/retry", RetryAsync)
            .WithSummary("Runs the failed and upstream-failed tasks of a failed run again (operator)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        act.MapPost("/schedule/pause", async (DagScheduler scheduler, CancellationToken cancellationToken) => await ScheduleAsync(scheduler, pause: true, cancellationToken))
            .WithSummary("Pauses the nightly schedule (operator)");
        act.MapPost("/schedule/resume", async (DagScheduler scheduler, CancellationToken cancellationToken) => await ScheduleAsync(scheduler, pause: false, cancellationToken))
            .WithSummary("Resumes the nightly schedule; missed days are caught up as configured (operator)");
        return endpoints;
    }

    private static async Task<Results<Ok<IEnumerable<RunJson>>, ProblemHttpResult>> ListAsync(HttpRequest request, OpsStore store, CancellationToken cancellationToken)
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
            return TypedResults.Ok((await store.ListRunsAsync(filter, cancellationToken)).Select(RunJson.From));
        }
        catch (PipelineException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
    }

    private static async Task<Results<Ok<RunDetailJson>, ProblemHttpResult>> GetAsync(long id, OpsStore store, CancellationToken cancellationToken) =>
        await store.GetRunDetailAsync(id, cancellationToken) is { } detail
            ? TypedResults.Ok(RunDetailJson.From(detail))
            : ApiProblems.NotFound($"there is no run {id}");

    private static async Task<Results<Accepted<RunJson>, ProblemHttpResult>> TriggerAsync(HttpRequest request, Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        try
        {
            var body = await BodyAsync<TriggerBody>(request, cancellationToken);
            var run = await orchestrator.QueueRunAsync(Date("logical_date", body.LogicalDate), body.FullRefresh, RunType.Manual, cancellationToken);
            return TypedResults.Accepted((string?)null, RunJson.From(run));
        }
        catch (PipelineException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
    }

    private static async Task<Results<Accepted<BackfillRecord>, ProblemHttpResult>> BackfillAsync(HttpRequest request, Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        try
        {
            var body = await BodyAsync<BackfillBody>(request, cancellationToken);
            var backfill = await orchestrator.QueueBackfillAsync(Date("from", body.From), Date("to", body.To), body.Rerun, cancellationToken);
            return TypedResults.Accepted((string?)null, backfill);
        }
        catch (PipelineException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
    }

    private static async Task<Results<Accepted<RunJson>, ProblemHttpResult>> RetryAsync(long id, Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        if (await orchestrator.Store.GetRunAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"there is no run {id}");
        }

        try
        {
            return TypedResults.Accepted((string?)null, RunJson.From(await orchestrator.RetryAsync(id, cancellationToken)));
        }
        catch (PipelineException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, ex.Message);
        }
    }

    private static async Task<Ok<ScheduleJson>> ScheduleAsync(DagScheduler scheduler, bool pause, CancellationToken cancellationToken)
    {
        await (pause ? scheduler.PauseAsync(cancellationToken) : scheduler.ResumeAsync(cancellationToken));
        var state = await scheduler.StateAsync(cancellationToken);
        return TypedResults.Ok(new ScheduleJson(state.Paused, await scheduler.NextFireAsync(cancellationToken), scheduler.Schedule.Cron, scheduler.Schedule.TimeZone.Id));
    }

    /// <summary>The JSON body; a missing, non-JSON or malformed one is a clear error that names the field, never a type.</summary>
    internal static async Task<T> BodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new PipelineException("send a JSON body with Content-Type: application/json.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, cancellationToken)
                ?? throw new PipelineException("the body is empty: send a JSON object.");
        }
        catch (JsonException ex)
        {
            // The exception's own text names .NET types; the path and line say what the caller needs.
            throw new PipelineException(
                $"the body is not the expected JSON object: the value at {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1}) is malformed or of the wrong type.", ex);
        }
    }

    private static DateOnly Date(string field, string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new PipelineException(text is null ? $"{field} is required (YYYY-MM-DD)." : $"{field} '{text}' is not a date: use YYYY-MM-DD.");

    private static T? Optional<T>(string? text, Func<string, T> parse)
        where T : struct => string.IsNullOrEmpty(text) ? null : parse(text);

    /// <summary>The body of <c>POST /api/runs</c>.</summary>
    /// <param name="LogicalDate">The day to build, YYYY-MM-DD.</param>
    /// <param name="FullRefresh">Rebuild fact_sales from every day.</param>
    private sealed record TriggerBody(string? LogicalDate, bool FullRefresh);

    /// <summary>The body of <c>POST /api/backfills</c>.</summary>
    /// <param name="From">First day, YYYY-MM-DD.</param>
    /// <param name="To">Last day, YYYY-MM-DD.</param>
    /// <param name="Rerun">Run again the days that already have a successful or skipped run.</param>
    private sealed record BackfillBody(string? From, string? To, bool Rerun);

    /// <summary>The schedule after a pause or resume.</summary>
    internal sealed record ScheduleJson(bool Paused, DateTimeOffset? NextRunAt, string Cron, string TimeZone);
}
