using Olist.Pipeline.Errors;
using Olist.Pipeline.Streaming.DeadLetters;
using Olist.Web.FirstRun;
using Olist.Web.Security;

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
        endpoints.MapPost("/api/deadletters/replay", ReplayAsync).RequireAuthorization(OlistPolicies.Operator);
        return endpoints;
    }

    private static async Task<IResult> ReplayAsync(HttpRequest request, DataPreparationState dataState, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var body = await RunEndpoints.BodyAsync<ReplayBody>(request, cancellationToken);
            var ids = body.Ids?.OfType<string>().Where(id => !string.IsNullOrWhiteSpace(id)).ToList();
            if ((ids is { Count: > 0 }) == !string.IsNullOrWhiteSpace(body.Reason))
            {
                throw new PipelineException("send either a non-empty \"ids\" list or a \"reason\", not both and not neither.");
            }

            // The store lives in the data directory, which exists only once the data is ready.
            if (dataState.Current.Phase != DataPhase.Ready)
            {
                return RunEndpoints.Error("the warehouse is still being prepared; try again when /readyz says ready", StatusCodes.Status503ServiceUnavailable);
            }

            var store = services.GetRequiredService<DeadLetterStore>();
            var replayed = ids is { Count: > 0 }
                ? await store.ReplayAsync(ids, cancellationToken)
                : await store.ReplayReasonAsync(body.Reason!, cancellationToken);
            return Results.Json(new ReplayResponse(replayed.Count, replayed), RunEndpoints.Json, statusCode: StatusCodes.Status202Accepted);
        }
        catch (PipelineException ex)
        {
            return RunEndpoints.Error(ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    private sealed record ReplayBody(IReadOnlyList<string?>? Ids, string? Reason);

    /// <summary>The 202 answer: how many dead letters went back on the bus, and their new message ids.</summary>
    private sealed record ReplayResponse(int Replayed, IReadOnlyList<string> MessageIds);
}
