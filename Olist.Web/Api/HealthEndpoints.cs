using Olist.Pipeline.Gcp;

namespace Olist.Web.Api;

/// <summary>
/// Liveness and readiness probes: <c>/healthz</c> says the process answers, <c>/readyz</c> says the data is ready and the
/// bus answers.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>How long the readiness probe waits for the bus.</summary>
    private static readonly TimeSpan BusProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Maps <c>GET /healthz</c> and <c>GET /readyz</c>, open to anyone on purpose: monitors do not sign in.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var probes = endpoints.MapGroup("").AllowAnonymous().WithTags("Probes");
        probes.MapGet("/healthz", () => TypedResults.Text("ok"))
            .WithSummary("Liveness: 200 \"ok\" as soon as the process answers");
        probes.MapGet("/readyz", ReadyAsync)
            .WithSummary("Readiness: 200 once the data is ready and the bus answers, 503 with what preparation is doing, why it failed or why the bus does not answer")
            .Produces<Readiness>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(DataWorkspace workspace, CancellationToken cancellationToken)
    {
        var status = workspace.Status;
        var readiness = Readiness.Of(status);
        if (status.Phase != DataPhase.Ready)
        {
            return TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // Probed only once the data is ready: the embedded bus lives in the data directory (and may be damaged).
        var bus = workspace.Bus;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BusProbeTimeout);
        try
        {
            await bus.ProbeAsync(timeout.Token);
            return TypedResults.Ok(readiness);
        }
        catch (Exception ex) when (ex is GoogleApiException || ApiErrors.IsStorageFailure(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex switch
            {
                GoogleApiException => ex.Message,
                OperationCanceledException => $"no answer within {BusProbeTimeout.TotalSeconds:0} s",
                _ => "its file cannot be used (damaged, read-only or a full disk); the server log has the details",
            };
            return TypedResults.Json(
                readiness with { Status = Readiness.BusUnreachable, Reason = $"the {bus.Provider} bus ({bus.Subscription}) does not answer: {reason}" },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>The body of <c>/readyz</c>: the data's phase and what is happening, for monitors and people alike.</summary>
/// <param name="Status">preparing, ready, failed, or bus_unreachable (the data is ready, the bus does not answer).</param>
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
    /// <summary>The status of data that is ready with a bus that does not answer.</summary>
    public const string BusUnreachable = "bus_unreachable";

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
