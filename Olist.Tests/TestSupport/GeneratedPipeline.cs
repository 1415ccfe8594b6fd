using Olist.Pipeline.Configuration;

namespace Olist.Tests.TestSupport;

/// <summary>
/// The pipeline's services over a temp folder's <c>data</c> directory, with a generated dataset (ending on the last batch
/// day, 2018-10-17) written to its <c>generated</c> folder and loaded into the raw tables; services and folder are
/// removed on dispose. The shared warehouse fixtures start from it and add their own builds and events.
/// </summary>
internal sealed class GeneratedPipeline : IAsyncDisposable
{
    private static readonly DateOnly LastBatchDay = new(2018, 10, 17);

    private readonly DirectoryInfo _root;
    private readonly ServiceProvider _services;

    /// <summary>Creates the folder (named after <paramref name="prefix"/>) and the services over it; nothing is generated yet.</summary>
    public GeneratedPipeline(string prefix)
    {
        _root = Directory.CreateTempSubdirectory(prefix);
        _services = TestPipeline.Create(Path.Combine(_root.FullName, "data"));
        SourceDirectory = Path.Combine(_root.FullName, "generated");
        Paths = _services.GetRequiredService<DataPaths>();
        Warehouse = _services.GetRequiredService<DuckDbWarehouse>();
        Project = _services.GetRequiredService<TransformProject>();
        Kpis = (KpiService)_services.GetRequiredService<IKpiService>();
    }

    public DataPaths Paths { get; }

    /// <summary>Where the generated source files are written.</summary>
    public string SourceDirectory { get; }

    public DuckDbWarehouse Warehouse { get; }

    public TransformProject Project { get; }

    public KpiService Kpis { get; }

    /// <summary>Generates the dataset of <paramref name="scale"/> and <paramref name="seed"/> and loads it into the raw tables.</summary>
    public async Task GenerateAndLoadAsync(double scale, int seed)
    {
        await _services.GetRequiredService<OlistGenerator>().GenerateAsync(new GenerationOptions(scale, seed, SourceDirectory, LastBatchDay), null, CancellationToken.None);
        await _services.GetRequiredService<CsvLoader>().LoadAsync(SourceDirectory, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _root.Delete(recursive: true);
    }
}
