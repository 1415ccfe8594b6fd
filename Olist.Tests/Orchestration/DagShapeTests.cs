using Olist.Pipeline.Errors;
using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Orchestration.Store;

namespace Olist.Tests.Orchestration;

/// <summary>
/// The orchestrator knows no DAG but the one it is given: order, failure and short-circuit propagation and what a
/// backfill runs once all follow from a DAG's edges and cadences, here of small scripted DAGs shaped unlike daily_build.
/// </summary>
public sealed class DagShapeTests : IDisposable
{
    private static readonly DateOnly Day = new(2018, 3, 1);

    private readonly OrchestrationHarness _harness = new();
    private readonly List<(DateOnly Day, string Task)> _ran = [];

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
