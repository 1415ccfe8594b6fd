using Olist.Tests.Kpis.Reference;

namespace Olist.Tests.Kpis;

/// <summary>A small generated dataset (fixed seed) with the reference KPIs over its files and the warehouse built from them once.</summary>
public sealed class GeneratedKpiDataset : IAsyncLifetime
{
    public const double Scale = 0.02;

    private const int Seed = 11;

    private readonly string folder = Directory.CreateTempSubdirectory("olist-kpi-generated-").FullName;

    public ReferenceKpis Reference { get; private set; } = null!;

    public PipelineWarehouse Pipeline { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await new OlistGenerator().GenerateAsync(new GenerationOptions(Scale, Seed, folder, new DateOnly(2018, 8, 31)), null, CancellationToken.None);
        Reference = new ReferenceKpis(CleanDataset.Load(folder));
        Pipeline = await PipelineWarehouse.BuildAsync(folder, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Pipeline?.Dispose();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
