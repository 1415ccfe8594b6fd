using Microsoft.AspNetCore.Http.HttpResults;
using Olist.Web.FirstRun;

namespace Olist.Web.Api;

/// <summary>Liveness and readiness probes: <c>/healthz</c> says the process answers, <c>/readyz</c> says the data is ready.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>GET /healthz</c> and <c>GET /readyz</c>, open to anyone on purpose: monitors do not sign in.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var probes = endpoints.MapGroup("").AllowAnonymous().WithTags("Probes");
        probes.MapGet("/healthz", () => TypedResults.Text("ok"))
            .WithSummary("Liveness: 200 \"ok\" as soon as the process answers");
        probes.MapGet("/readyz", Results<Ok<Readiness>, JsonHttpResult<Readiness>> (DataPreparationState state) =>
            {
                var readiness = Readiness.Of(state.Current);
                return state.Current.Phase == DataPhase.Ready
                    ? TypedResults.Ok(readiness)
                    : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithSummary("Readiness: 200 once the data is ready, 503 with what preparation is doing or why it failed")
            .Produces<Readiness>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }
}

/// <summary>The body of <c>/readyz</c>: the data's phase and what is happening, for monitors and people alike.</summary>
/// <param name="Status">preparing, ready or failed.</param>
/// <param name="Activity">What preparation is doing.</param>
/// <param name="Step">The step of the activity, such as a file name.</param>
/// <param name="Percent">How far the step is, when known.</param>
/// <param name="Rows">Rows loaded, once ready.</param>
/// <param name="LoadedAt">When the data was loaded, once ready.</param>
/// <param name="Reason">Why preparation failed.</param>
public sealed record Readiness(
    string Status,
    string? Activity,
    string? Step,
    double? Percent,
    long? Rows,
    DateTimeOffset? LoadedAt,
    string? Reason)
{
    /// <summary>Describes <paramref name="status"/>.</summary>
    public static Readiness Of(DataStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Phase switch
        {
            DataPhase.Ready => new("ready", null, null, null, status.TotalRows, status.LoadedAt, null),
            DataPhase.Failed => new("failed", null, null, null, null, null, status.FailureReason),
            _ => new("preparing", status.Activity, status.Progress?.Step, status.Progress?.Fraction * 100, null, null, null),
        };
    }
}
