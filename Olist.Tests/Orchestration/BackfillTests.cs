using Olist.Pipeline.Orchestration.Store;

namespace Olist.Tests.Orchestration;

/// <summary>Backfills of the real daily DAG: days in order, shared tasks once per range, resumable after a failed day, rerun on request.</summary>
public sealed class BackfillTests : IDisposable
{
    private readonly OrchestrationHarness _harness = new();

    [Fact]
    public async Task A_backfill_stops_at_a_failed_day_and_a_second_backfill_resumes_there_leaving_finished_days_alone()
    {
        await _harness.LoadTinyDataAsync();
        // As the first start does: fact_sales exists, so each day's audit holds only that day.
        await _harness.Transform.BuildAsync(new(), null, CancellationToken.None);
        var dataDays = await _harness.DaysWithOrdersAsync();
        var (from, failing, to) = (dataDays[^4].AddDays(-1), dataDays[^2], dataDays[^1]);
        using var orchestrator = await _harness.OrchestratorAsync();
        _harness.WriteProjectFile("tests/fact_sales_refuses_one_day.sql", $$$"""
            SELECT order_id FROM {{ ref('fact_sales') }} WHERE ds = DATE '{{{failing:yyyy-MM-dd}}}'
            """);

        var first = await orchestrator.RunBackfillAsync(await orchestrator.QueueBackfillAsync(from, to, rerun: false, CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(RunState.Failed, first.State);
        Assert.Contains($"stopped at {failing:yyyy-MM-dd}", first.Message, StringComparison.Ordinal);
        var firstRuns = await RunsOfAsync(orchestrator.Store, first.BackfillId);
        Assert.Equal(Days(from, failing), firstRuns.Select(r => r.LogicalDate));
        Assert.Equal(RunState.Failed, firstRuns[^1].State);
        Assert.All(firstRuns.SkipLast(1), r => Assert.Contains(r.State, new[] { RunState.Success, RunState.Skipped }));
        Assert.Equal(RunState.Skipped, firstRuns[0].State);

        _harness.DeleteProjectFile("tests/fact_sales_refuses_one_day.sql");
        var second = await orchestrator.RunBackfillAsync(await orchestrator.QueueBackfillAsync(from, to, rerun: false, CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(RunState.Success, second.State);
        var secondRuns = await RunsOfAsync(orchestrator.Store, second.BackfillId);
        Assert.Equal(Days(failing, to), secondRuns.Select(r => r.LogicalDate));
        Assert.All(secondRuns, r => Assert.Equal(dataDays.Contains(r.LogicalDate) ? RunState.Success : RunState.Skipped, r.State));
        Assert.Equal((second.DaysTotal, second.DaysDone), (to.DayNumber - from.DayNumber + 1, to.DayNumber - from.DayNumber + 1));
        var published = await _harness.RowsAsync($"SELECT DISTINCT strftime(ds, '%Y-%m-%d') FROM marts.fact_sales WHERE ds BETWEEN DATE '{from:yyyy-MM-dd}' AND DATE '{to:yyyy-MM-dd}' ORDER BY 1");
        Assert.Equal(dataDays.Where(d => d >= from && d <= to).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), published);
    }

    [Fact]
    public async Task A_backfill_builds_staging_and_dimensions_once_before_its_first_day_with_orders_and_kpis_once_after_its_last()
    {
        await _harness.LoadTinyDataAsync();
        var dataDays = await _harness.DaysWithOrdersAsync();
        var (from, to) = (dataDays[^3], dataDays[^1].AddDays(1));
        using var orchestrator = await _harness.OrchestratorAsync();

        var backfill = await orchestrator.RunBackfillAsync(await orchestrator.QueueBackfillAsync(from, to, rerun: false, CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(RunState.Success, backfill.State);
        var runs = await RunsOfAsync(orchestrator.Store, backfill.BackfillId);
        var ranTasks = new List<(DateOnly Day, string Task)>();
        foreach (var run in runs)
        {
            ranTasks.AddRange((await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None)).Where(t => t.State == TaskState.Success).Select(t => (run.LogicalDate, t.TaskId)));
        }

        Assert.Equal([from], ranTasks.Where(t => t.Task == DailyBuildDag.BuildStaging).Select(t => t.Day));
        Assert.Equal([from], ranTasks.Where(t => t.Task == DailyBuildDag.BuildDimensions).Select(t => t.Day));
        Assert.Equal([dataDays[^1]], ranTasks.Where(t => t.Task == DailyBuildDag.BuildKpis).Select(t => t.Day));
        Assert.Equal([dataDays[^1]], ranTasks.Where(t => t.Task == DailyBuildDag.TestKpis).Select(t => t.Day));
        Assert.Equal(dataDays.TakeLast(3), ranTasks.Where(t => t.Task == DailyBuildDag.PublishFactSales).Select(t => t.Day));
        Assert.Equal(RunState.Skipped, runs[^1].State);
        var later = await orchestrator.Store.GetTasksAsync(runs.Single(r => r.LogicalDate == dataDays[^2]).RunId, CancellationToken.None);
        Assert.Contains($"built once for backfill {backfill.BackfillId} by run {runs[0].RunId}", later.Single(t => t.TaskId == DailyBuildDag.BuildStaging).Message, StringComparison.Ordinal);

        var rerun = await orchestrator.RunBackfillAsync(await orchestrator.QueueBackfillAsync(from, to, rerun: true, CancellationToken.None), null, CancellationToken.None);
        var untouched = await orchestrator.RunBackfillAsync(await orchestrator.QueueBackfillAsync(from, to, rerun: false, CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(runs.Count, (await RunsOfAsync(orchestrator.Store, rerun.BackfillId)).Count);
        Assert.Empty(await RunsOfAsync(orchestrator.Store, untouched.BackfillId));
        Assert.Equal(RunState.Success, untouched.State);
    }

    [Fact]
    public async Task A_reversed_or_too_long_range_is_refused_with_a_clear_message()
    {
        using var orchestrator = await _harness.OrchestratorAsync();

        var reversed = await Assert.ThrowsAsync<InvalidRequestException>(() => orchestrator.QueueBackfillAsync(new(2018, 2, 1), new(2018, 1, 1), false, CancellationToken.None));
        var tooLong = await Assert.ThrowsAsync<InvalidRequestException>(() => orchestrator.QueueBackfillAsync(new(2000, 1, 1), new(2018, 1, 1), false, CancellationToken.None));

        Assert.Contains("reversed", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("at most", tooLong.Message, StringComparison.Ordinal);
        Assert.Empty(await orchestrator.Store.ListBackfillsAsync(10, CancellationToken.None));
    }

    public void Dispose() => _harness.Dispose();

    private static async Task<List<DagRunRecord>> RunsOfAsync(OpsStore store, long backfillId) =>
        [.. (await store.ListRunsAsync(new RunFilter(Limit: 1000), CancellationToken.None)).Where(r => r.BackfillId == backfillId).OrderBy(r => r.LogicalDate)];

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to) =>
        Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);
}
