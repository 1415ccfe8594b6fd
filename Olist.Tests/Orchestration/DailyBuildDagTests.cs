namespace Olist.Tests.Orchestration;

/// <summary>The daily DAG on a real warehouse of tiny generated data, with a copy of the real analytics project.</summary>
public sealed class DailyBuildDagTests : IDisposable
{
    private const string FactSalesRows = "SELECT * FROM marts.fact_sales ORDER BY order_id, order_item_id";

    private readonly OrchestrationHarness _harness = new();

    [Fact]
    public async Task A_day_with_orders_runs_every_task_and_the_same_day_twice_gives_the_same_warehouse()
    {
        await _harness.LoadTinyDataAsync();
        var day = (await _harness.DaysWithOrdersAsync())[^1];
        using var orchestrator = await _harness.OrchestratorAsync();

        var first = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(day, fullRefresh: false, RunType.Manual, CancellationToken.None), CancellationToken.None);
        var afterFirst = await _harness.RowsAsync(FactSalesRows);
        var second = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(day, fullRefresh: false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal((RunState.Success, RunState.Success), (first.State, second.State));
        var detail = (await orchestrator.Store.GetRunDetailAsync(first.RunId, CancellationToken.None))!;
        Assert.Equal(orchestrator.Dag.TaskIds, detail.Tasks.Select(t => t.TaskId));
        Assert.All(detail.Tasks, t => Assert.Equal((TaskState.Success, 1), (t.State, t.TryNumber)));
        Assert.Contains(detail.Models, m => m.TaskId == DailyBuildDag.PublishFactSales && m.Model == "fact_sales" && m.Rows > 0);
        Assert.Contains(detail.Tests, t => t.TaskId == DailyBuildDag.AuditFactSales && t.Status == "pass");
        Assert.Contains(detail.Tests, t => t.TaskId == DailyBuildDag.TestKpis);
        Assert.DoesNotContain(detail.Tests, t => t.TaskId == DailyBuildDag.BuildKpis);
        Assert.Contains(detail.Logs, l => l.TaskId == DailyBuildDag.BuildStaging && l.Message.Contains("stg_orders", StringComparison.Ordinal));
        Assert.NotEmpty(afterFirst);
        Assert.Equal(afterFirst, await _harness.RowsAsync(FactSalesRows));
        Assert.Equal(afterFirst.Count, (await _harness.RowsAsync("SELECT * FROM marts.fact_sales")).Count);
    }

    [Fact]
    public async Task An_empty_source_is_a_warning_of_the_nightly_run_not_a_silent_success()
    {
        await _harness.LoadTinyDataAsync();
        await _harness.ExecuteAsync("DELETE FROM raw.order_reviews");
        var day = (await _harness.DaysWithOrdersAsync())[^1];
        using var orchestrator = await _harness.OrchestratorAsync();

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(day, fullRefresh: false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Success, run.State);
        var detail = (await orchestrator.Store.GetRunDetailAsync(run.RunId, CancellationToken.None))!;
        var check = Assert.Single(detail.Tests, t => t.Status != "pass");
        Assert.Equal(
            (DailyBuildDag.BuildStaging, "source_row_count_raw_order_reviews", "warn"),
            (check.TaskId, check.Test, check.Status));
        Assert.Equal("source raw.order_reviews holds 0 rows, fewer than 1: was it loaded from an empty file?", check.Message);
        Assert.Contains("(1 warnings)", detail.Tasks.Single(t => t.TaskId == DailyBuildDag.BuildStaging).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_without_orders_short_circuits_skipping_downstream_and_the_run_is_skipped_not_failed()
    {
        await _harness.LoadTinyDataAsync();
        using var orchestrator = await _harness.OrchestratorAsync();

        var run = await orchestrator.RunAsync(
            await orchestrator.QueueRunAsync(new DateOnly(2030, 1, 1), fullRefresh: false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Skipped, run.State);
        var tasks = await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None);
        Assert.Equal(TaskState.Success, tasks[0].State);
        Assert.All(tasks.Skip(1), t => Assert.Equal(TaskState.Skipped, t.State));
        Assert.All(tasks.Skip(1), t => Assert.Contains("short-circuit", t.Message, StringComparison.Ordinal));
        Assert.Contains("no orders", run.Note, StringComparison.Ordinal);
        Assert.Empty(await _harness.RowsAsync("SELECT * FROM information_schema.tables WHERE table_schema = 'staging'"));
    }

    [Fact]
    public async Task A_failing_model_fails_its_task_marks_the_rest_upstream_failed_and_fails_the_run()
    {
        await _harness.LoadTinyDataAsync();
        _harness.WriteProjectFile("models/marts/dim_sellers.sql", "SELECT no_such_column FROM {{ ref('stg_sellers') }}");
        using var orchestrator = await _harness.OrchestratorAsync();
        var day = (await _harness.DaysWithOrdersAsync())[0];

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(day, fullRefresh: false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Failed, run.State);
        var tasks = (await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None)).ToDictionary(t => t.TaskId);
        Assert.Equal(TaskState.Success, tasks[DailyBuildDag.BuildStaging].State);
        Assert.Equal(TaskState.Failed, tasks[DailyBuildDag.BuildDimensions].State);
        Assert.Contains("dim_sellers", tasks[DailyBuildDag.BuildDimensions].Message, StringComparison.Ordinal);
        // A SQL error fails the same way every time: one try, no retry.
        Assert.Equal(1, tasks[DailyBuildDag.BuildDimensions].TryNumber);
        foreach (var later in orchestrator.Dag.TaskIds.SkipWhile(t => t != DailyBuildDag.BuildDimensions).Skip(1))
        {
            Assert.Equal(TaskState.UpstreamFailed, tasks[later].State);
        }

        var detail = (await orchestrator.Store.GetRunDetailAsync(run.RunId, CancellationToken.None))!;
        Assert.Contains(detail.Models, m => m.Model == "dim_sellers" && m.Status == "error" && m.Message!.Contains("no_such_column", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_audit_leaves_fact_sales_unchanged_and_keeps_the_failing_rows()
    {
        await _harness.LoadTinyDataAsync();
        var days = await _harness.DaysWithOrdersAsync();
        using var orchestrator = await _harness.OrchestratorAsync();
        var published = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(days[0], false, RunType.Manual, CancellationToken.None), CancellationToken.None);
        var before = await _harness.RowsAsync(FactSalesRows);
        // A singular test that fails on any row of the audited day, as a real reconciliation would on bad data.
        _harness.WriteProjectFile("tests/fact_sales_refuses_the_day.sql", """
            SELECT order_id, ds FROM {{ ref('fact_sales') }} WHERE ds = DATE '{{ var('ds') }}'
            """);

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(days[^1], false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Success, published.State);
        Assert.Equal(RunState.Failed, run.State);
        var tasks = (await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None)).ToDictionary(t => t.TaskId);
        Assert.Equal(TaskState.Success, tasks[DailyBuildDag.WriteAuditFactSales].State);
        Assert.Equal(TaskState.Failed, tasks[DailyBuildDag.AuditFactSales].State);
        Assert.Contains("fact_sales is unchanged", tasks[DailyBuildDag.AuditFactSales].Message, StringComparison.Ordinal);
        Assert.Equal(TaskState.UpstreamFailed, tasks[DailyBuildDag.PublishFactSales].State);
        Assert.Equal(before, await _harness.RowsAsync(FactSalesRows));
        var failing = (await orchestrator.Store.GetRunDetailAsync(run.RunId, CancellationToken.None))!.Tests.Single(t => t.Test == "fact_sales_refuses_the_day");
        Assert.Equal("fail", failing.Status);
        Assert.All(failing.FailingRows(), row => Assert.Equal(days[^1].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row["ds"]));
        Assert.Equal(failing.Failures, failing.FailingRows().Count);
    }

    public void Dispose() => _harness.Dispose();
}
