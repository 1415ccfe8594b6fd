using Olist.Pipeline.Configuration;

namespace Olist.Tests.Web;

/// <summary>A data directory of its own for one test, deleted afterwards; can be filled the way the first run fills it.</summary>
internal sealed class TemporaryDataDirectory : IDisposable
{
    /// <summary>The smallest scale that still writes every one of the nine files.</summary>
    public const double TinyScale = 0.001;

    private readonly TempDirectory _root = new();

    public TemporaryDataDirectory() => Paths = new DataPaths(_root.Path);

    public DataPaths Paths { get; }

    /// <summary>Generates a tiny dataset and loads it into the warehouse with the pipeline's own generator and loader.</summary>
    public async Task<DuckDbWarehouse> LoadGeneratedDataAsync()
    {
        await GenerateIntoAsync(Paths.GeneratedSources);
        await using var services = TestPipeline.Create(Paths.Root);
        await services.GetRequiredService<CsvLoader>().LoadAsync(Paths.GeneratedSources, progress: null, CancellationToken.None);
        return services.GetRequiredService<DuckDbWarehouse>();
    }

    /// <summary>Writes a tiny dataset's nine CSV files into <paramref name="directory"/>.</summary>
    public static Task GenerateIntoAsync(string directory) =>
        new OlistGenerator().GenerateAsync(
            new GenerationOptions(TinyScale, Seed: 7, directory, new DateOnly(2018, 8, 31)),
            progress: null,
            CancellationToken.None);

    public void Dispose() => _root.Dispose();
}
