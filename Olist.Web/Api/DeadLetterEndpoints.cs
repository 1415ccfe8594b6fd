namespace Olist.Web.Api;

/// <summary>
/// Dead-letter replay for operators: <c>POST /api/deadletters/replay</c> with <c>{"ids":[...]}</c> or
/// <c>{"reason":"..."}</c> puts the dead letters not replayed yet back on the bus and answers 202 with how many.
/// </summary>
public static class DeadLetterEndpoints
{
    /// <summary>Maps the replay endpoint behind the operator policy.</summary>
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var deadLetters = endpoints.MapGroup("/api/deadletters")
            .RequireAuthorization(OlistPolicies.Operator)
            .RequireRateLimiting(RateLimits.Keyed)
            .RequireReadyData()
            .WithTags("Live stream");
        deadLetters.MapPost("/replay", ReplayAsync)
            .WithSummary("Puts dead letters back on the bus, by ids or by reason (operator)")
            .WithDescription("Body (application/json): {\"ids\": [\"...\"]} or {\"reason\": \"...\"}; answers how many went back and their new message ids.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<Results<Accepted<ReplayResponse>, ProblemHttpResult>> ReplayAsync(HttpRequest request, DataWorkspace workspace, CancellationToken cancellationToken)
    {
        try
        {
            var body = await RunEndpoints.BodyAsync<ReplayBody>(request, cancellationToken);
            var ids = body.Ids?.OfType<string>().Where(id => !string.IsNullOrWhiteSpace(id)).ToList();
            if ((ids is { Count: > 0 }) == !string.IsNullOrWhiteSpace(body.Reason))
            {
                throw new PipelineException("send either a non-empty \"ids\" list or a \"reason\", not both and not neither.");
            }

            var store = workspace.DeadLetters;
            var replayed = ids is { Count: > 0 }
                ? await store.ReplayAsync(ids, cancellationToken)
                : await store.ReplayReasonAsync(body.Reason!, cancellationToken);
            return TypedResults.Accepted((string?)null, new ReplayResponse(replayed.Count, replayed));
        }
        catch (PipelineException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
    }

    /// <summary>The body of the replay: dead-letter ids, or a reason whose dead letters all go back.</summary>
    private sealed record ReplayBody(IReadOnlyList<string?>? Ids, string? Reason);

    /// <summary>The 202 answer: how many dead letters went back on the bus, and their new message ids.</summary>
    internal sealed record ReplayResponse(int Replayed, IReadOnlyList<string> MessageIds);
}
