using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Kpis;
using Olist.Pipeline.Transform;
using Olist.Web.Cli;

namespace Olist.Web.Kpis;

/// <summary>Builds the KPI service for the command line, which has no service container, with the transform engine rendering KPI models for date ranges.</summary>
internal static class KpiServiceFactory
{
    /// <summary>A service over the warehouse of <paramref name="paths"/>, for the command line.</summary>
    public static IKpiService Create(DataPaths paths, TimeProvider timeProvider)
    {
        var warehouse = CliConfiguration.Warehouse(paths);
        return new KpiService(warehouse, new TransformQueryRenderer(new TransformProject(TransformOptions.For(paths), warehouse, timeProvider, NullLogger<TransformProject>.Instance)));
    }
}
