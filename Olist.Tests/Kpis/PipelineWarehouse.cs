using Xunit.Sdk;

namespace Olist.Tests.Kpis;

/// <summary>The real pipeline over a folder of Olist files: the loader into a temp DuckDB, a full build of the analytics project, and the KPI service.</summary>
public sealed class PipelineWarehouse : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly ServiceProvider _services;

    private PipelineWarehouse() => _services = TestPipeline.Create(data.Path);

    /// <summary>The KPIs as the warehouse serves them.</summary>
    public IKpiService Kpis { get; private set; } = null!;

    /// <summary>Loads <paramref name="sourceFolder"/> and builds every model; a model error or failed error-severity test fails the caller with the reasons.</summary>
    public static async Task<PipelineWarehouse> BuildAsync(string sourceFolder, CancellationToken cancellationToken)
    {
        var pipeline = new PipelineWarehouse();
        try
        {
            await pipeline._services.GetRequiredService<CsvLoader>().LoadAsync(sourceFolder, null, cancellationToken);
            var build = await pipeline._services.GetRequiredService<TransformProject>().BuildAsync(new BuildRequest(), null, cancellationToken);
            if (!build.Succeeded)
            {
                var failures = build.Results
                    .Where(r => r.Status is not (RunStatus.Success or RunStatus.Pass or RunStatus.Warn))
                    .Select(r => $"{r.Name}: {r.Status} {r.Message} {r.Failures}");
                throw new XunitException($"The build of {sourceFolder} failed:\n  " + string.Join("\n  ", failures));
            }

            pipeline.Kpis = pipeline._services.GetRequiredService<IKpiService>();
            return pipeline;
        }
        catch
        {
            pipeline.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        data.Dispose();
    }
}
