namespace Olist.Web.Api;

/// <summary>
/// The API's one readiness check: endpoints that read the prepared data (KPI rows, the publishers' catalog, dead-letter
/// replay) answer a 503 problem saying what to wait for until the first run has opened the workspace.
/// </summary>
public static class ReadyData
{
    /// <summary>Puts the readiness filter on <paramref name="builder"/>'s endpoints (a route group, or one endpoint).</summary>
    public static TBuilder RequireReadyData<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter<TBuilder, ReadyDataFilter>();
        return builder.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private sealed class ReadyDataFilter(DataWorkspace workspace) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            workspace.IsReady ? await next(context) : ApiProblems.NotReady();
    }
}
