using Microsoft.Extensions.Configuration;
using Olist.Pipeline.Hosting;

namespace Olist.Bench;

/// <summary>Warehouses for the benchmarks, built with the app's own registration: loaded from a folder of CSV files, built with the project beside the benchmark.</summary>
internal static class BenchWarehouse
{
    /// <summary>The analytics project copied to the benchmark's build output.</summary>
    public static string ProjectDirectory => TransformOptions.DefaultProjectDirectory;

    /// <summary>The pipeline's services over the data directory <paramref name="dataDirectory"/>, as the app and the verbs register them, with <paramref name="settings"/> added to the configuration.</summary>
    public static ServiceProvider Services(string dataDirectory, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Olist:DataDirectory", dataDirectory), .. settings ?? []])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOlistPipeline(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Loads the CSV files of <paramref name="sourceDirectory"/> into the warehouse of the data directory <paramref name="dataDirectory"/>.</summary>
    public static async Task LoadAsync(string sourceDirectory, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var services = Services(dataDirectory);
        await services.GetRequiredService<CsvLoader>().LoadAsync(sourceDirectory, null, cancellationToken);
    }

    /// <summary>
    /// Fills the data directory <paramref name="paths"/> with a built warehouse: a copy of <paramref name="source"/>'s
    /// warehouse.duckdb when it has one, else its CSV files loaded and built.
    /// </summary>
    public static async Task PrepareAsync(string source, DataPaths paths, CancellationToken cancellationToken)
    {
        var built = new DataPaths(source).Warehouse;
        if (File.Exists(built))
        {
            File.Copy(built, paths.Warehouse);
            return;
        }

        await LoadAsync(source, paths.Root, cancellationToken);
        await using var services = Services(paths.Root);
        var summary = await services.GetRequiredService<TransformProject>().BuildAsync(new BuildRequest(), null, cancellationToken);
        if (!summary.Succeeded)
        {
            throw new InvalidOperationException($"The build of {source} failed; see {paths.Target}/run_results.json.");
        }
    }
}
