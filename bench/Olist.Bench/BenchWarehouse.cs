using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Warehouse;

namespace Olist.Bench;

/// <summary>Warehouses for the benchmarks: loaded from a folder of CSV files, built with the project beside the benchmark.</summary>
internal static class BenchWarehouse
{
    /// <summary>The analytics project copied to the benchmark's build output.</summary>
    public static string ProjectDirectory => TransformOptions.DefaultProjectDirectory;

    /// <summary>The transform engine over the warehouse file <paramref name="databasePath"/>, writing its artifacts to <paramref name="targetDirectory"/>.</summary>
    public static TransformProject Engine(string databasePath, string targetDirectory) =>
        new(new TransformOptions { ProjectDirectory = ProjectDirectory, TargetDirectory = targetDirectory }, new DuckDbWarehouse(databasePath), TimeProvider.System, NullLogger<TransformProject>.Instance);

    /// <summary>Loads the CSV files of <paramref name="sourceDirectory"/> into <paramref name="databasePath"/>.</summary>
    public static Task LoadAsync(string sourceDirectory, string databasePath, CancellationToken cancellationToken) =>
        new CsvLoader(new DuckDbWarehouse(databasePath), TimeProvider.System, NullLogger<CsvLoader>.Instance).LoadAsync(sourceDirectory, null, cancellationToken);

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

        await LoadAsync(source, paths.Warehouse, cancellationToken);
        var summary = await Engine(paths.Warehouse, paths.Target).BuildAsync(new BuildRequest(), null, cancellationToken);
        if (!summary.Succeeded)
        {
            throw new InvalidOperationException($"The build of {source} failed; see {paths.Target}/run_results.json.");
        }
    }
}
