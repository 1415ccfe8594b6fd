using Olist.Pipeline.Catalog;

namespace Olist.Bench;

/// <summary>Times the CSV loader against DuckDB's own read_csv of the same files, in the same run, on fresh warehouses.</summary>
public sealed class LoadBenchmark : IBenchmark
{
    private const int DefaultRepeats = 3;

    public string Name => "load";

    public string Description => "load DIR [REPEATS]: CsvLoader vs plain DuckDB read_csv of the nine files (median of 3 runs)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            return BenchArguments.Usage("load DIR [REPEATS]   (DIR holds the nine Olist CSV files)");
        }

        var directory = Path.GetFullPath(args[0]);
        var repeats = BenchArguments.Whole(args, 1, DefaultRepeats);
        var files = OlistCatalog.Tables
            .Select(t => (t.Name, Path: Path.Combine(directory, t.FileName)))
            .Where(f => File.Exists(f.Path))
            .ToList();
        var bytes = files.Sum(f => new FileInfo(f.Path).Length);
        Console.WriteLine($"{files.Count} files, {bytes / 1e6:F1} MB in {directory}; {Environment.ProcessorCount} cores; {repeats} runs each");

        var baseline = new List<TimeSpan>();
        var loader = new List<TimeSpan>();
        IReadOnlyList<FileLoadResult> lastLoad = [];
        for (var run = 1; run <= repeats; run++)
        {
            baseline.Add(await InFreshWarehouseAsync(paths => ReadCsvBaselineAsync(paths.Warehouse, files, cancellationToken)));
            loader.Add(await InFreshWarehouseAsync(async paths =>
            {
                await using var services = BenchWarehouse.Services(paths.Root);
                var csvLoader = services.GetRequiredService<CsvLoader>();
                var stopwatch = Stopwatch.StartNew();
                var results = await csvLoader.LoadAsync(directory, progress: null, cancellationToken);
                stopwatch.Stop();
                lastLoad = results;
                return stopwatch.Elapsed;
            }));
            Console.WriteLine($"run {run}: read_csv {baseline[^1].TotalSeconds:F2} s, loader {loader[^1].TotalSeconds:F2} s");
        }

        var baselineMedian = Median(baseline);
        var loaderMedian = Median(loader);
        foreach (var file in lastLoad)
        {
            Console.WriteLine($"  {file.Table,-34} {file.RowsRead,10:N0} rows {file.RowsQuarantined,6:N0} quarantined {file.Elapsed.TotalSeconds,6:F2} s (read + write)");
        }

        Console.WriteLine($"rows read by the loader: {lastLoad.Sum(r => r.RowsRead):N0}");
        Console.WriteLine($"median read_csv baseline: {baselineMedian.TotalSeconds:F2} s");
        Console.WriteLine($"median loader:            {loaderMedian.TotalSeconds:F2} s");
        Console.WriteLine($"ratio loader / read_csv:  {loaderMedian / baselineMedian:F2} (target <= 1.5, and loader <= 10 s)");
        return 0;
    }

    private static async Task<TimeSpan> ReadCsvBaselineAsync(string databasePath, IEnumerable<(string Name, string Path)> files, CancellationToken cancellationToken)
    {
        // Like the loader, the baseline's time runs from opening the warehouse until it is closed (checkpointed).
        var stopwatch = Stopwatch.StartNew();
        await using (var connection = new DuckDBConnection($"Data Source={databasePath}"))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var (name, path) in files)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE TABLE \"{name}\" AS SELECT * FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', all_varchar = true, header = true)";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return stopwatch.Elapsed;
    }

    private static async Task<TimeSpan> InFreshWarehouseAsync(Func<DataPaths, Task<TimeSpan>> measure)
    {
        using var directory = new ScratchDirectory("load");
        return await measure(new DataPaths(directory.Path));
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
