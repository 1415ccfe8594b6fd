using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Kpis;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Warehouse;

namespace Olist.Web.Kpis;

/// <summary>Builds the KPI service over a warehouse, with the transform engine rendering KPI models for date ranges.</summary>
internal static class KpiServiceFactory
{
    /// <summary>The app's registered <see cref="IKpiService"/>, else one over its registered warehouse.</summary>
    public static IKpiService Create(IServiceProvider services) =>
        services.GetService<IKpiService>()
        ?? Create(services.GetRequiredService<DataPaths>(), services.GetRequiredService<DuckDbWarehouse>(), services.GetService<TimeProvider>() ?? TimeProvider.System);

    /// <summary>A service over the warehouse of <paramref name="paths"/>, for the command line.</summary>
    public static IKpiService Create(DataPaths paths, TimeProvider timeProvider) =>
        Create(paths, new DuckDbWarehouse(paths.Warehouse), timeProvider);

    private static KpiService Create(DataPaths paths, DuckDbWarehouse warehouse, TimeProvider timeProvider) =>
        new(warehouse, new TransformQueryRenderer(new TransformProject(TransformOptions.For(paths), warehouse, timeProvider, NullLogger<TransformProject>.Instance)));
}
