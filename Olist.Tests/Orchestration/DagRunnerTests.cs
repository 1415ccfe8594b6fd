using Olist.Pipeline.Errors;
using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Tests.TestSupport;

namespace Olist.Tests.Orchestration;

/// <summary>The runner's rules on a DAG of scripted tasks: retries of transient errors only, timeouts, failure propagation, crash recovery.</summary>
public sealed class DagRunnerTests : IDisposable
{
    private static readonly DateOnly Day = new(2018, 3, 1);

    private readonly OrchestrationHarness _harness = new();

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

    public void Dispose() => _harness.Dispose();

    private static Task<TaskOutcome> Done(string message) => Task.FromResult(TaskOutcome.Success(message));

    /// <summary>A chain: each task downstream of the one before.</summary>
    private static DagDefinition Dag(params (string TaskId, Func<CancellationToken, Task<TaskOutcome>> Work)[] tasks) =>
        new("test_dag", [.. tasks.Select((t, i) => new DagTask(t.TaskId, (_, token) => t.Work(token)) { Upstream = i == 0 ? [] : [tasks[i - 1].TaskId] })]);
}
