using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Warehouse;

namespace Olist.Bench;

/// <summary>
/// Times the transform engine on a loaded warehouse: a full build against the same compiled SQL run directly in one DuckDB
/// connection (on a second copy of the same warehouse), and an incremental build of the busiest day.
/// </summary>
public sealed class BuildBenchmark : IBenchmark
{
    public string Name => "build";

    private const int DefaultRepeats = 3;

    public string Description => "build DIR [PROJECT] [REPEATS]: full build vs compiled SQL run directly (median of 3), and a one-day incremental build";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: build DIR [PROJECT] [REPEATS]   (DIR holds the Olist CSV files; PROJECT defaults to the warehouse folder beside the benchmark)");
            return 2;
        }

        var root = Directory.CreateTempSubdirectory("olist-bench-build-");
        try
        {
            var project = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(AppContext.BaseDirectory, "warehouse");
            if (!File.Exists(Path.Combine(project, "olist_project.yml")))
            {
                project = BenchProject.Write(Path.Combine(root.FullName, "toy-project"));
                Console.WriteLine($"no analytics project found: using the benchmark's toy project ({project})");
            }

            var loaded = Path.Combine(root.FullName, "loaded.duckdb");
            var load = Stopwatch.StartNew();
            await new CsvLoader(new DuckDbWarehouse(loaded), TimeProvider.System, NullLogger<CsvLoader>.Instance).LoadAsync(Path.GetFullPath(args[0]), null, cancellationToken);
            Console.WriteLine($"loaded {args[0]} in {load.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores; project {project}");
            var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : DefaultRepeats;
            var target = Path.Combine(root.FullName, "target");
            var compiled = await Engine(project, target, loaded).CompileAsync(new CompileRequest(Path.Combine(root.FullName, "compiled")), cancellationToken);
            var builds = new List<TimeSpan>();
            var directs = new List<TimeSpan>();
            RunSummary? summary = null;
            TransformProject? engine = null;
            for (var run = 1; run <= repeats; run++)
            {
                engine = Engine(project, target, Copy(loaded, Path.Combine(root.FullName, $"engine-{run}.duckdb")));
                var build = Stopwatch.StartNew();
                summary = await engine.BuildAsync(new BuildRequest(), null, cancellationToken);
                builds.Add(build.Elapsed);
                directs.Add(await RunCompiledAsync(Copy(loaded, Path.Combine(root.FullName, $"direct-{run}.duckdb")), compiled, cancellationToken));
                Console.WriteLine($"run {run}: engine {builds[^1].TotalSeconds:F2} s, compiled SQL {directs[^1].TotalSeconds:F2} s");
            }

            Console.WriteLine($"full build: {summary!.Models.Count()} models, {summary.Tests.Count()} tests, succeeded: {summary.Succeeded}");
            foreach (var slowest in summary.Models.OrderByDescending(m => m.Elapsed).Take(5))
            {
                Console.WriteLine($"  {slowest.Name,-32} {slowest.Status,-8} {slowest.RowsAffected,12:N0} rows {slowest.Elapsed.TotalSeconds,6:F2} s");
            }

            var (engineMedian, directMedian) = (Median(builds), Median(directs));
            Console.WriteLine($"median engine full build:  {engineMedian.TotalSeconds:F2} s (target <= 15 s)");
            Console.WriteLine($"median compiled SQL:       {directMedian.TotalSeconds:F2} s");
            Console.WriteLine($"ratio engine / compiled:   {engineMedian / directMedian:F2} (target <= 1.3)");

            var engineWarehouse = Path.Combine(root.FullName, $"engine-{repeats}.duckdb");
            var (model, day) = await BusiestDayAsync(engineWarehouse, target, cancellationToken);
            if (model is null)
            {
                Console.WriteLine("no incremental model: nothing to time for one day");
                return 0;
            }

            var incremental = Stopwatch.StartNew();
            var dayRun = await engine!.BuildAsync(new BuildRequest($"{model}+", Ds: day), null, cancellationToken);
            incremental.Stop();
            Console.WriteLine($"incremental build of {model}+ for {day:yyyy-MM-dd}: {dayRun.Models.Count()} models, {dayRun.Tests.Count()} tests, "
                + $"{dayRun.Models.First().RowsAffected:N0} rows, succeeded: {dayRun.Succeeded}, {incremental.Elapsed.TotalSeconds:F2} s (target <= 2 s)");
            return 0;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Runs the compiled model scripts in name order, then every test query reading all its rows, in one connection.</summary>
    private static async Task<TimeSpan> RunCompiledAsync(string databasePath, CompileSummary compiled, CancellationToken cancellationToken)
    {
        var scripts = await Task.WhenAll(compiled.ModelFiles.Order(StringComparer.Ordinal).Select(f => File.ReadAllTextAsync(f, cancellationToken)));
        var tests = await Task.WhenAll(compiled.TestFiles.Select(f => File.ReadAllTextAsync(f, cancellationToken)));
        var stopwatch = Stopwatch.StartNew();
        await using (var connection = new DuckDBConnection($"Data Source={databasePath}"))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var script in scripts)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = script;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var test in tests)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = test;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }
        }

        return stopwatch.Elapsed;
    }

    /// <summary>The first incremental model of the manifest and the day holding most of its rows.</summary>
    private static async Task<(string? Model, DateOnly Day)> BusiestDayAsync(string databasePath, string targetDirectory, CancellationToken cancellationToken)
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(targetDirectory, "manifest.json"), cancellationToken));
        var incremental = manifest.RootElement.GetProperty("nodes").EnumerateObject()
            .Select(n => n.Value)
            .FirstOrDefault(n => n.TryGetProperty("config", out var c) && c.GetProperty("materialized").GetString() == "incremental");
        if (incremental.ValueKind == JsonValueKind.Undefined)
        {
            return (null, default);
        }

        var key = incremental.GetProperty("config").GetProperty("incremental_key").GetString();
        await using var connection = new DuckDBConnection($"Data Source={databasePath}");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT strftime(CAST({key} AS DATE), '%Y-%m-%d') FROM {incremental.GetProperty("relation").GetString()} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1";
        var day = DateOnly.ParseExact((string)(await command.ExecuteScalarAsync(cancellationToken))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (incremental.GetProperty("name").GetString(), day);
    }

    private static TransformProject Engine(string project, string target, string databasePath) =>
        new(new TransformOptions { ProjectDirectory = project, TargetDirectory = target }, new DuckDbWarehouse(databasePath), TimeProvider.System, NullLogger<TransformProject>.Instance);

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static string Copy(string from, string to)
    {
        File.Copy(from, to);
        return to;
    }
}
