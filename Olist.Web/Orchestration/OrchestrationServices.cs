using Olist.Web.Hubs;

namespace Olist.Web.Orchestration;

/// <summary>Registers the service that runs the daily DAG's orchestrator and scheduler in the app, and the run progress hub.</summary>
public static class OrchestrationServices
{
    /// <summary>The run progress hub's route.</summary>
    public const string HubPath = "/hubs/runs";

    /// <summary>Adds the run progress hub and the service that runs the pipeline's orchestrator and scheduler (<c>AddOlistPipeline</c>) in the app.</summary>
    public static IServiceCollection AddOlistOrchestration(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddHostedService<RunProgressBroadcaster>();
        services.AddHostedService<OrchestrationService>();
        return services;
    }

    /// <summary>Maps the run API, the sign-out endpoint and the run progress hub.</summary>
    public static IEndpointRouteBuilder MapOrchestration(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRunEndpoints();
        endpoints.MapSignOut();
        endpoints.MapHub<RunProgressHub>(HubPath).RequireAuthorization(OlistPolicies.Viewer);
        return endpoints;
    }
}
