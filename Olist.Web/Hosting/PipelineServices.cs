using Microsoft.Extensions.Options;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Generation;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Kpis;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Warehouse;
using Olist.Web.FirstRun;
using Olist.Web.Kpis;

namespace Olist.Web.Hosting;

/// <summary>Registers the pipeline's pieces and the first run that prepares the data in the background.</summary>
public static class PipelineServices
{
    /// <summary>Adds the options, the one warehouse of the app (with its memory limit and threads), the generator, loader, status reader, transform engine, KPI service, the first run and the headline warmer.</summary>
    public static IServiceCollection AddOlistPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OlistOptions>().Bind(configuration.GetSection(OlistOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DataPaths(sp.GetRequiredService<IOptions<OlistOptions>>().Value.DataDirectory));
        services.AddOptions<WarehouseOptions>()
            .Bind(configuration.GetSection(WarehouseOptions.SectionName))
            .Validate(o => o.Problem() is null, $"{WarehouseOptions.SectionName} is not usable: see its keys in the README.")
            .ValidateOnStart();
        services.AddSingleton(sp => new DuckDbWarehouse(sp.GetRequiredService<DataPaths>().Warehouse, sp.GetRequiredService<IOptions<WarehouseOptions>>().Value));
        services.AddSingleton<OlistGenerator>();
        services.AddSingleton<CsvLoader>();
        services.AddSingleton<SourceStatusReader>();
        services.AddSingleton(sp => TransformOptions.For(sp.GetRequiredService<DataPaths>()));
        services.AddSingleton<TransformProject>();
        services.AddSingleton<IModelQueryRenderer, TransformQueryRenderer>();
        services.AddSingleton<IKpiService, KpiService>();
        services.AddMemoryCache();
        services.AddSingleton<HeadlineReader>();
        services.AddHostedService<HeadlineWarmer>();
        services.AddSingleton<DataPreparationState>();
        services.AddHostedService<FirstRunService>();
        return services;
    }
}
