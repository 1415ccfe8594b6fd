using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Orchestration.Store;

namespace Olist.Bench;

/// <summary>
/// The daily DAG's backfill of one year at scale 1 (target: at most 3 minutes): generate, load and full-build into a
/// temporary data directory, then backfill the last DAYS days. Also measures the orchestrator's own overhead per task
/// (store writes, retry pipeline, events) on a DAG of no-op tasks.
/// </summary>
public sealed class BackfillBenchmark : IBenchmark
{
    private static readonly DateOnly EndDate = new(2018, 8, 31);

    public string Name => "backfill";

    public string Description => "backfill [SCALE] [DAYS]: one year (365 days) of the daily DAG at scale 1 after a full build; orchestrator overhead per task";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var scale = BenchArguments.Real(args, 0, 1.0);
        var days = BenchArguments.Whole(args, 1, 365);
        using var root = new ScratchDirectory("backfill");
        await using var services = BenchWarehouse.Services(root.Combine("data"));
        var paths = services.GetRequiredService<DataPaths>();
        var warehouse = services.GetRequiredService<DuckDbWarehouse>();
        var prepare = Stopwatch.StartNew();
        await services.GetRequiredService<OlistGenerator>().GenerateAsync(new GenerationOptions(scale, 42, paths.GeneratedSources, EndDate), null, cancellationToken);
        await services.GetRequiredService<CsvLoader>().LoadAsync(paths.GeneratedSources, null, cancellationToken);
        var build = await services.GetRequiredService<TransformProject>().BuildAsync(new BuildRequest(), null, cancellationToken);
        Console.WriteLine($"scale {scale}: generated, loaded and built ({build.Models.Count()} models, succeeded: {build.Succeeded}) in {prepare.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores");

        var store = services.GetRequiredService<OpsStore>();
        var orchestrator = services.GetRequiredService<Orchestrator>();
        var (from, to) = (EndDate.AddDays(1 - days), EndDate);
        var clock = Stopwatch.StartNew();
        var backfill = await orchestrator.RunBackfillAsync(await orchestrator.QueueBackfillAsync(from, to, rerun: false, cancellationToken), null, cancellationToken);
        clock.Stop();
        Console.WriteLine($"backfill {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ({days} days): {StateNames.Name(backfill.State)} in {clock.Elapsed.TotalSeconds:F1} s "
            + $"({clock.Elapsed.TotalMilliseconds / days:F0} ms per day; target <= 180 s) - {backfill.Message}");
        await PrintTaskTimesAsync(store, backfill.BackfillId, cancellationToken);

        var overhead = await NoOpOverheadAsync(root.Combine("noop-ops.db"), warehouse, cancellationToken);
        Console.WriteLine($"orchestrator overhead per task (no-op DAG, 8 tasks x 100 runs): {overhead.TotalMilliseconds:F2} ms");
        return backfill.State == RunState.Success ? 0 : 1;
    }

    /// <summary>Mean and total wall time of each task over the backfill's runs, as the ops store recorded them.</summary>
    private static async Task PrintTaskTimesAsync(OpsStore store, long backfillId, CancellationToken cancellationToken)
    {
        var runs = (await store.ListRunsAsync(new RunFilter(Limit: 10_000), cancellationToken)).Where(r => r.BackfillId == backfillId).ToList();
        var tasks = new List<TaskInstanceRecord>();
        foreach (var run in runs)
        {
            tasks.AddRange(await store.GetTasksAsync(run.RunId, cancellationToken));
        }

        Console.WriteLine($"{runs.Count} runs ({runs.Count(r => r.State == RunState.Success)} success, {runs.Count(r => r.State == RunState.Skipped)} skipped)");
        foreach (var group in tasks.Where(t => t.StartedAt is not null).GroupBy(t => t.TaskId))
        {
            var durations = group.Select(t => t.Duration(DateTimeOffset.UtcNow)!.Value.TotalMilliseconds).ToList();
            Console.WriteLine($"  {group.Key,-24} ran {durations.Count,4}x  mean {durations.Average(),8:F1} ms  total {durations.Sum() / 1000,7:F1} s");
        }
    }

    /// <summary>Wall time per task of runs of a chain of tasks that do nothing: what the orchestrator itself costs a task.</summary>
    private static async Task<TimeSpan> NoOpOverheadAsync(string storePath, DuckDbWarehouse warehouse, CancellationToken cancellationToken)
    {
        const int Runs = 100;
        var dag = new DagDefinition("noop", [.. Enumerable.Range(1, 8).Select(i => new DagTask($"task_{i}", (_, _) => Task.FromResult(TaskOutcome.Success("nothing")))
        {
            Upstream = i == 1 ? [] : [$"task_{i - 1}"],
        })]);
        var store = await OpsStore.OpenAsync(storePath, TimeProvider.System, cancellationToken);
        using var orchestrator = new Orchestrator(dag, store, warehouse, new RunEvents(), new RunOptions(), TimeProvider.System, NullLogger<Orchestrator>.Instance);
        var clock = Stopwatch.StartNew();
        for (var run = 0; run < Runs; run++)
        {
            await orchestrator.RunAsync(await orchestrator.QueueRunAsync(EndDate.AddDays(-run), false, RunType.Manual, cancellationToken), cancellationToken);
        }

        return clock.Elapsed / (Runs * dag.Tasks.Count);
    }
}
