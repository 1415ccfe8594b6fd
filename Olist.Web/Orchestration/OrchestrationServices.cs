using Microsoft.Extensions.Options;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Orchestration.Scheduling;
using Olist.Pipeline.Orchestration.Store;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Warehouse;
using Olist.Web.Api;
using Olist.Web.Hubs;
using Olist.Web.Security;

namespace Olist.Web.Orchestration;

/// <summary>Registers the daily DAG's orchestrator, its scheduler, the service that runs them, and the run progress hub.</summary>
public static class OrchestrationServices
{
    /// <summary>The run progress hub's route.</summary>
    public const string HubPath = "/hubs/runs";

    /// <summary>Adds the ops store, the orchestrator, the scheduler (<c>Olist:Schedule</c>, <c>Olist:Runs</c>) and their hosted services.</summary>
    public static IServiceCollection AddOlistOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>().Bind(configuration.GetSection(ScheduleOptions.SectionName));
        services.AddOptions<RunOptions>().Bind(configuration.GetSection(RunOptions.SectionName));
        services.AddSingleton<RunEvents>();
        services.AddSingleton(sp => new NewDataCheck(sp.GetRequiredService<DuckDbWarehouse>()));
        services.AddSingleton(sp => new OpsStore(sp.GetRequiredService<DataPaths>().Ops, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Orchestrator(
            DailyBuildDag.Create(sp.GetRequiredService<TransformProject>(), sp.GetRequiredService<NewDataCheck>()),
            sp.GetRequiredService<OpsStore>(),
            sp.GetRequiredService<DuckDbWarehouse>(),
            sp.GetRequiredService<RunEvents>(),
            sp.GetRequiredService<IOptions<RunOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Orchestrator>>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ScheduleOptions>>().Value;
            return new DagScheduler(
                sp.GetRequiredService<Orchestrator>(), new CronSchedule(options.Cron, options.TimeZone), options, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DagScheduler>>());
        });
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
