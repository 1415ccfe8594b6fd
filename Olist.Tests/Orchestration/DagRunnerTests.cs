using Olist.Pipeline.Orchestration.Store;

namespace Olist.Tests.Orchestration;

/// <summary>
/// The runner's rules on DAGs of scripted tasks: retries of transient errors only, timeouts, failure propagation, crash
/// recovery; and that the orchestrator knows no DAG but the one it is given: order, failure and short-circuit
/// propagation and what a backfill runs once all follow from the edges and cadences of DAGs shaped unlike daily_build.
/// </summary>
public sealed class DagRunnerTests : IDisposable
{
    private static readonly DateOnly Day = new(2018, 3, 1);

    private readonly OrchestrationHarness _harness = new();
    private readonly List<(DateOnly Day, string Task)> _ran = [];

    [Fact]
    public async Task A_transient_error_is_retried_with_backoff_and_the_task_then_succeeds()
    {
        var calls = 0;
        var dag = Dag(("load", _ => ++calls < 3 ? throw new IOException("IO Error: Could not set lock on file warehouse.duckdb") : Done("loaded")), ("after", _ => Done("ok")));
        using var orchestrator = await _harness.OrchestratorAsync(dag);

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Success, run.State);
        var detail = (await orchestrator.Store.GetRunDetailAsync(run.RunId, CancellationToken.None))!;
        var load = detail.Tasks.Single(t => t.TaskId == "load");
        Assert.Equal((TaskState.Success, 3), (load.State, load.TryNumber));
        Assert.Equal(
            [(1, TaskState.UpForRetry), (2, TaskState.UpForRetry), (3, TaskState.Success)],
            detail.Tries.Where(t => t.TaskId == "load").Select(t => (t.TryNumber, t.State)));
        Assert.Contains("Could not set lock", detail.Tries.First(t => t.TaskId == "load").Error, StringComparison.Ordinal);
        Assert.Contains(detail.Logs, l => l.TaskId == "load" && l.Message.Contains("try 3 in", StringComparison.Ordinal));
        Assert.Equal(TaskState.Success, detail.Tasks.Single(t => t.TaskId == "after").State);
    }

    [Fact]
    public async Task A_transient_error_that_outlasts_the_retries_fails_the_task_after_the_last_try()
    {
        var dag = Dag(("load", _ => throw new IOException("disk went away")), ("after", _ => Done("ok")));
        using var orchestrator = await _harness.OrchestratorAsync(dag);

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Failed, run.State);
        var tasks = await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None);
        Assert.Equal((TaskState.Failed, OrchestrationHarness.QuickRetries.Retries + 1), (tasks[0].State, tasks[0].TryNumber));
        Assert.Equal(TaskState.UpstreamFailed, tasks[1].State);
    }

    [Fact]
    public async Task A_sql_error_is_not_retried_and_everything_after_it_is_upstream_failed()
    {
        var calls = 0;
        var dag = Dag(
            ("first", _ => Done("ok")),
            ("broken", _ =>
            {
                calls++;
                throw new PipelineException("Binder Error: Referenced column \"nope\" not found");
            }),
            ("third", _ => Done("never")),
            ("fourth", _ => Done("never")));
        using var orchestrator = await _harness.OrchestratorAsync(dag);

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal(1, calls);
        var tasks = await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None);
        Assert.Equal([TaskState.Success, TaskState.Failed, TaskState.UpstreamFailed, TaskState.UpstreamFailed], tasks.Select(t => t.State));
        Assert.Equal("Binder Error: Referenced column \"nope\" not found", tasks[1].Message);
        Assert.Equal("upstream task broken failed", tasks[2].Message);
    }

    [Fact]
    public async Task A_task_that_outlives_its_timeout_fails_as_timed_out()
    {
        var clock = new ObservedClock(new DateTimeOffset(2018, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var options = new RunOptions { Retries = 0, TaskTimeout = TimeSpan.FromMinutes(30) };
        var dag = Dag(("slow", async token =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return TaskOutcome.Success("too late");
        }));
        using var orchestrator = await _harness.OrchestratorAsync(dag, options, clock);

        var running = orchestrator.RunAsync(await orchestrator.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);
        Assert.Equal(options.TaskTimeout, await clock.NextTimerAsync());
        clock.Advance(options.TaskTimeout - TimeSpan.FromSeconds(1));
        Assert.False(running.IsCompleted, "the task ended before its timeout");
        clock.Advance(TimeSpan.FromSeconds(1));
        var run = await running;

        Assert.Equal(RunState.Failed, run.State);
        var task = (await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None)).Single();
        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal($"timed out after {options.TaskTimeout}", task.Message);
    }

    [Fact]
    public async Task A_run_interrupted_by_a_crash_is_marked_failed_on_the_next_start_and_a_retry_resumes_at_the_interrupted_task()
    {
        var firstCalls = 0;
        var dag = Dag(("first", _ => { firstCalls++; return Done("ok"); }), ("second", _ => Done("ok")), ("third", _ => Done("ok")));
        long runId;
        using (var crashed = await _harness.OrchestratorAsync(dag))
        {
            // What a killed process leaves behind: the run running, its first task done, the second mid-try.
            var run = await crashed.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None);
            runId = run.RunId;
            await crashed.Store.SetRunStateAsync(runId, RunState.Running, null, CancellationToken.None);
            await crashed.Store.StartTryAsync(runId, "first", 1, "try 1 started", CancellationToken.None);
            await crashed.Store.EndTryAsync(runId, "first", 1, TaskState.Success, "ok", CancellationToken.None);
            await crashed.Store.StartTryAsync(runId, "second", 1, "try 1 started", CancellationToken.None);
        }

        using var restarted = await _harness.OrchestratorAsync(dag);
        var recovered = await restarted.RecoverInterruptedAsync(CancellationToken.None);

        Assert.Equal([runId], recovered);
        var interrupted = await restarted.Store.GetRunDetailAsync(runId, CancellationToken.None);
        Assert.Equal(RunState.Failed, interrupted!.Run.State);
        Assert.Equal([TaskState.Success, TaskState.Failed, TaskState.UpstreamFailed], interrupted.Tasks.Select(t => t.State));
        Assert.Contains("interrupted", interrupted.Tries.Single(t => t.TaskId == "second").Error, StringComparison.Ordinal);

        await restarted.RetryAsync(runId, CancellationToken.None);
        Assert.True(await restarted.RunNextAsync(CancellationToken.None));

        var retried = (await restarted.Store.GetRunDetailAsync(runId, CancellationToken.None))!;
        Assert.Equal(RunState.Success, retried.Run.State);
        Assert.Equal([(TaskState.Success, 1), (TaskState.Success, 2), (TaskState.Success, 1)], retried.Tasks.Select(t => (t.State, t.TryNumber)));
        Assert.Equal(0, firstCalls);
        Assert.False(await restarted.RunNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Only_a_failed_run_can_be_retried()
    {
        using var orchestrator = await _harness.OrchestratorAsync(Dag(("only", _ => Done("ok"))));
        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        var error = await Assert.ThrowsAsync<PipelineException>(() => orchestrator.RetryAsync(run.RunId, CancellationToken.None));

        Assert.Contains("only a failed run can be retried", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PipelineException>(() => orchestrator.RetryAsync(run.RunId + 100, CancellationToken.None));
    }

    [Fact]
    public async Task A_fan_out_and_fan_in_runs_every_task_after_its_upstream_and_a_failure_holds_back_only_what_is_downstream_of_it()
    {
        // Declared out of order on purpose: the edges, not the list, decide the order.
        var dag = new DagDefinition("fan",
        [
            Step("merge", "clean_orders", "clean_items"),
            Step("clean_items", TaskOutcome.Failed("3 items without an order"), "extract"),
            Step("extract"),
            Step("clean_orders", "extract"),
            Step("report", "merge"),
            Step("count_extracted", "extract"),
        ]);
        using var orchestrator = await _harness.OrchestratorAsync(dag);

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(["extract", "clean_items", "clean_orders", "merge", "report", "count_extracted"], dag.TaskIds);
        Assert.Equal(["extract", "clean_items", "clean_orders", "count_extracted"], _ran.Select(r => r.Task));
        Assert.Equal(RunState.Failed, run.State);
        var tasks = (await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None)).ToDictionary(t => t.TaskId);
        Assert.Equal(dag.TaskIds, tasks.Keys);
        Assert.Equal(TaskState.Failed, tasks["clean_items"].State);
        Assert.Equal(TaskState.Success, tasks["clean_orders"].State);
        Assert.Equal(TaskState.Success, tasks["count_extracted"].State);
        Assert.Equal((TaskState.UpstreamFailed, "upstream task clean_items failed"), (tasks["merge"].State, tasks["merge"].Message));
        Assert.Equal((TaskState.UpstreamFailed, "upstream task clean_items failed"), (tasks["report"].State, tasks["report"].Message));
    }

    [Fact]
    public async Task A_short_circuit_skips_only_its_downstream_tasks_and_the_run()
    {
        var dag = new DagDefinition("branches",
        [
            Step("extract"),
            Step("any_returns", TaskOutcome.ShortCircuit("no returns today"), "extract"),
            Step("load_returns", "any_returns"),
            Step("load_sales", "extract"),
            Step("reconcile", "load_returns", "load_sales"),
        ]);
        using var orchestrator = await _harness.OrchestratorAsync(dag);

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(Day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.Equal(RunState.Skipped, run.State);
        Assert.Equal(["extract", "any_returns", "load_sales"], _ran.Select(r => r.Task));
        var tasks = (await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None)).ToDictionary(t => t.TaskId);
        Assert.Equal(TaskState.Success, tasks["load_sales"].State);
        Assert.All([tasks["load_returns"], tasks["reconcile"]], t => Assert.Equal((TaskState.Skipped, "short-circuit by any_returns: no returns today"), (t.State, t.Message)));
    }

    [Fact]
    public async Task A_backfill_runs_once_per_range_tasks_once_on_the_first_or_last_day_with_work_as_their_edges_place_them()
    {
        var (from, to) = (Day, Day.AddDays(5));
        HashSet<DateOnly> eventDays = [Day.AddDays(1), Day.AddDays(3), Day.AddDays(4)];
        var dag = new DagDefinition("range",
        [
            new DagTask("has_events", (context, _) =>
            {
                _ran.Add((context.LogicalDate, "has_events"));
                return Task.FromResult(eventDays.Contains(context.LogicalDate) ? TaskOutcome.Success("events") : TaskOutcome.ShortCircuit("no events"));
            })
            {
                WorkDays = new WorkDays("with events", (first, last, _) => Task.FromResult<IReadOnlyCollection<DateOnly>>([.. eventDays.Where(d => d >= first && d <= last)])),
            },
            Step("load_reference", "has_events") with { Cadence = TaskCadence.OncePerRange },
            Step("load_day_a", "load_reference"),
            Step("load_day_b", "has_events"),
            Step("summarise", "load_day_a", "load_day_b") with { Cadence = TaskCadence.OncePerRange },
            Step("publish_summary", "summarise") with { Cadence = TaskCadence.OncePerRange },
        ]);
        using var orchestrator = await _harness.OrchestratorAsync(dag);

        var backfill = await orchestrator.RunBackfillAsync(await orchestrator.QueueBackfillAsync(from, to, rerun: false, CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(["load_reference"], dag.FirstWorkDayTasks);
        Assert.Equal(["summarise", "publish_summary"], dag.LastWorkDayTasks);
        Assert.Equal(RunState.Success, backfill.State);
        Assert.Equal([Day.AddDays(1)], DaysOf("load_reference"));
        Assert.Equal(eventDays.Order(), DaysOf("load_day_a"));
        Assert.Equal(eventDays.Order(), DaysOf("load_day_b"));
        Assert.Equal([Day.AddDays(4)], DaysOf("summarise"));
        Assert.Equal([Day.AddDays(4)], DaysOf("publish_summary"));
        Assert.Equal(["has_events", "load_reference", "load_day_a", "load_day_b"], _ran.Where(r => r.Day == Day.AddDays(1)).Select(r => r.Task));
        Assert.Equal(["has_events", "load_day_a", "load_day_b", "summarise", "publish_summary"], _ran.Where(r => r.Day == Day.AddDays(4)).Select(r => r.Task));

        var runs = (await orchestrator.Store.ListRunsAsync(new RunFilter(Limit: 10), CancellationToken.None)).OrderBy(r => r.LogicalDate).ToList();
        Assert.Equal([RunState.Skipped, RunState.Success, RunState.Skipped, RunState.Success, RunState.Success, RunState.Skipped], runs.Select(r => r.State));
        var middle = (await orchestrator.Store.GetTasksAsync(runs[3].RunId, CancellationToken.None)).ToDictionary(t => t.TaskId);
        Assert.Equal((TaskState.Skipped, $"shared: built once for backfill {backfill.BackfillId} by run {runs[1].RunId}"), (middle["load_reference"].State, middle["load_reference"].Message));
        Assert.Equal(TaskState.Success, middle["load_day_a"].State);
        Assert.Equal(
            (TaskState.Skipped, $"shared: backfill {backfill.BackfillId} builds it once, after its last day with events"),
            (middle["publish_summary"].State, middle["publish_summary"].Message));
    }

    [Fact]
    public void A_dag_that_cannot_run_is_refused_with_the_reason()
    {
        var cycle = Assert.Throws<PipelineException>(() => new DagDefinition("loop", [Step("a", "c"), Step("b", "a"), Step("c", "b"), Step("d", "c")]));
        var unknown = Assert.Throws<PipelineException>(() => new DagDefinition("typo", [Step("load"), Step("report", "laod")]));
        var twice = Assert.Throws<PipelineException>(() => new DagDefinition("twice", [Step("load"), Step("load")]));
        var late = Assert.Throws<PipelineException>(() => new DagDefinition("late",
            [Step("load"), Step("summarise", "load") with { Cadence = TaskCadence.OncePerRange }, Step("mail", "summarise")]));

        Assert.Equal("DAG loop: its edges make a cycle, a >> b >> c >> a.", cycle.Message);
        Assert.Equal("DAG typo: task report is downstream of laod, which is not a task of the DAG.", unknown.Message);
        Assert.Equal("DAG twice: the task id load is used twice.", twice.Message);
        Assert.Contains("daily task mail is downstream of summarise, which runs once per range after every day", late.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();

    private static Task<TaskOutcome> Done(string message) => Task.FromResult(TaskOutcome.Success(message));

    /// <summary>A chain: each task downstream of the one before.</summary>
    private static DagDefinition Dag(params (string TaskId, Func<CancellationToken, Task<TaskOutcome>> Work)[] tasks) =>
        new("test_dag", [.. tasks.Select((t, i) => new DagTask(t.TaskId, (_, token) => t.Work(token)) { Upstream = i == 0 ? [] : [tasks[i - 1].TaskId] })]);

    private List<DateOnly> DaysOf(string task) => [.. _ran.Where(r => r.Task == task).Select(r => r.Day)];

    private DagTask Step(string taskId, params string[] upstream) => Step(taskId, TaskOutcome.Success("done"), upstream);

    private DagTask Step(string taskId, TaskOutcome outcome, params string[] upstream) =>
        new(taskId, (context, _) =>
        {
            _ran.Add((context.LogicalDate, taskId));
            return Task.FromResult(outcome);
        })
        {
            Upstream = upstream,
        };
}
