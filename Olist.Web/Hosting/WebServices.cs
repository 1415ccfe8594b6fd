using MudBlazor.Services;
using Olist.Web.FirstRun;
using Olist.Web.Kpis;
using Olist.Web.Observability;
using Olist.Web.Orchestration;
using Olist.Web.Streaming;

namespace Olist.Web.Hosting;

/// <summary>The web app's own services, on top of the pipeline's (<c>AddOlistPipeline</c>): pages, API, first run, live stream, runs, security, telemetry.</summary>
public static class WebServices
{
    /// <summary>Adds the Blazor pages, the API's JSON and errors, the first run and headline warmer, and each area's services.</summary>
    public static IServiceCollection AddOlistWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName));
        services.AddApiJson();
        services.AddApiErrors();
        services.AddHostedService<FirstRunService>();
        services.AddMemoryCache();
        services.AddSingleton<HeadlineReader>();
        services.AddHostedService<HeadlineWarmer>();
        services.AddLiveStream(configuration);
        services.AddOlistSecurity(configuration);
        services.AddOlistOrchestration();
        services.AddOlistObservability(configuration);
        return services;
    }
}
