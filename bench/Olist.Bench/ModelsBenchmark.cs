using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Warehouse;

namespace Olist.Bench;

/// <summary>Times a full build of the warehouse models and their tests on a copy of a loaded warehouse, and prints the cleaning-rule counts.</summary>
public sealed class ModelsBenchmark : IBenchmark
{
    private const int DefaultRepeats = 3;

    public string Name => "models";

    public string Description => "models DATA_DIR [REPEATS]: full build (models + tests) on copies of DATA_DIR's loaded warehouse (median of 3)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var source = args.Length > 0 ? new DataPaths(args[0]) : null;
        if (source is null || !File.Exists(source.Warehouse))
        {
            Console.Error.WriteLine("usage: models DATA_DIR [REPEATS]   (DATA_DIR holds a warehouse.duckdb filled by 'load')");
            return 2;
        }

        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultRepeats;
        Console.WriteLine($"{source.Warehouse}; {Environment.ProcessorCount} cores; {repeats} runs");
        var times = new List<TimeSpan>();
        RunSummary last = new("build", [], TimeSpan.Zero);
        var scratch = Directory.CreateTempSubdirectory("olist-models-bench-");
        try
        {
            for (var run = 1; run <= repeats; run++)
            {
                var paths = new DataPaths(Path.Combine(scratch.FullName, $"run{run}"));
                Directory.CreateDirectory(paths.Root);
                File.Copy(source.Warehouse, paths.Warehouse);
                var warehouse = new DuckDbWarehouse(paths.Warehouse);
                var project = new TransformProject(TransformOptions.For(paths), warehouse, TimeProvider.System, NullLogger<TransformProject>.Instance);
                var stopwatch = Stopwatch.StartNew();
                last = await project.BuildAsync(new BuildRequest(), progress: null, cancellationToken);
                times.Add(stopwatch.Elapsed);
                Console.WriteLine($"run {run}: {stopwatch.Elapsed.TotalSeconds:F2} s, {(last.Succeeded ? "succeeded" : "FAILED")}");
                if (run == repeats)
                {
                    await PrintCleaningCountsAsync(warehouse, cancellationToken);
                }
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        Console.WriteLine($"models {last.Models.Count()}, tests {last.Tests.Count()} ({last.Tests.Count(t => t.Status != RunStatus.Pass)} not passing: "
            + string.Join(", ", last.Tests.Where(t => t.Status != RunStatus.Pass).Select(t => $"{t.Name} {t.Status}")) + ")");
        foreach (var node in last.Results.OrderByDescending(r => r.Elapsed).Take(5))
        {
            Console.WriteLine($"  slowest: {node.Name,-50} {node.Elapsed.TotalSeconds,6:F2} s");
        }

        times.Sort();
        Console.WriteLine($"median full build: {times[times.Count / 2].TotalSeconds:F2} s (target <= 15 s at scale 1)");
        return last.Succeeded ? 0 : 1;
    }

    private static async Task PrintCleaningCountsAsync(DuckDbWarehouse warehouse, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name, rule, action, rows FROM staging.stg_cleaning_counts ORDER BY table_name, action, rule";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Console.WriteLine($"  {reader.GetString(0),-34} {reader.GetString(1),-32} {reader.GetString(2),-8} {reader.GetInt64(3),10:N0}");
        }
    }
}
