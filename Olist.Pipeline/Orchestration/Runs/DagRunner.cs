using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Store;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Olist.Pipeline.Orchestration.Runs;

/// <summary>
/// Runs one DAG run: its tasks one at a time, each after its upstream tasks, each try recorded with its log and results;
/// a transient failure is retried with exponential backoff, every try has a timeout. The tasks downstream of a failed
/// task are upstream_failed, those downstream of a short-circuit skipped (Airflow's all_success rule); the others run.
/// The run succeeds only when every task that ran succeeded.
/// </summary>
public sealed partial class DagRunner(DagDefinition dag, OpsStore store, RunEvents events, RunOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Runs the queued tasks of <paramref name="run"/>; tasks already successful (a retried run) keep their result.</summary>
    public async Task<DagRunRecord> RunAsync(DagRunRecord run, RunPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        await SetRunStateAsync(run, RunState.Running, null, cancellationToken);
        var instances = (await store.GetTasksAsync(run.RunId, cancellationToken)).ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        // Why each task that did not succeed here holds back its downstream tasks: the task that failed, or a short-circuit.
        var failedUpstream = new Dictionary<string, string>(StringComparer.Ordinal);
        var shortCircuited = new Dictionary<string, string>(StringComparer.Ordinal);
        string? shortCircuit = null;
        try
        {
            foreach (var task in dag.Tasks)
            {
                var instance = instances[task.TaskId];
                if (instance.State is TaskState.Success or TaskState.Skipped)
                {
                    continue;
                }

                if (HeldBack(task, failedUpstream) is { } failed)
                {
                    failedUpstream[task.TaskId] = failed;
                    await SetTaskStateAsync(run, task.TaskId, TaskState.UpstreamFailed, $"upstream task {failed} failed", cancellationToken);
                }
                else if (HeldBack(task, shortCircuited) is { } reason)
                {
                    shortCircuited[task.TaskId] = reason;
                    await SetTaskStateAsync(run, task.TaskId, TaskState.Skipped, reason, cancellationToken);
                }
                else if (plan.SkippedTasks.GetValueOrDefault(task.TaskId) is { } planned)
                {
                    // Done by another run of the backfill: its downstream tasks run as if it had succeeded here.
                    await SetTaskStateAsync(run, task.TaskId, TaskState.Skipped, planned, cancellationToken);
                }
                else
                {
                    var outcome = await ExecuteAsync(run, task, instance.TryNumber, cancellationToken);
                    if (outcome.Kind is TaskOutcomeKind.Failed or TaskOutcomeKind.Transient)
                    {
                        failedUpstream[task.TaskId] = task.TaskId;
                    }
                    else if (outcome.Kind == TaskOutcomeKind.ShortCircuit)
                    {
                        shortCircuited[task.TaskId] = $"short-circuit by {task.TaskId}: {outcome.Message}";
                        shortCircuit ??= shortCircuited[task.TaskId];
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await store.FailInterruptedAsync("interrupted: the process stopped while the run was running; retry it", CancellationToken.None);
            events.Publish(new RunChange(run.RunId, null, StateNames.Name(RunState.Failed), run.BackfillId));
            throw;
        }

        var tasks = await store.GetTasksAsync(run.RunId, CancellationToken.None);
        var state = tasks.Any(t => t.State is TaskState.Failed or TaskState.UpstreamFailed) ? RunState.Failed
            : shortCircuit is not null ? RunState.Skipped
            : RunState.Success;
        await SetRunStateAsync(run, state, shortCircuit, CancellationToken.None);
        LogRunEnded(run.RunId, dag.DagId, run.LogicalDate, state);
        return (await store.GetRunAsync(run.RunId, CancellationToken.None))!;
    }

    /// <summary>What holds <paramref name="task"/> back: the entry of its first upstream task in <paramref name="holds"/>, if any.</summary>
    private static string? HeldBack(DagTask task, Dictionary<string, string> holds) =>
        task.Upstream.FirstOrDefault(holds.ContainsKey) is { } upstream ? holds[upstream] : null;

    private async Task<TaskOutcome> ExecuteAsync(DagRunRecord run, DagTask task, int triesBefore, CancellationToken cancellationToken)
    {
        var tryNumber = triesBefore;
        var attempts = 0;
        var pipeline = Pipeline(run, task);
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                tryNumber++;
                attempts++;
                await store.StartTryAsync(run.RunId, task.TaskId, tryNumber, $"try {tryNumber} of {task.TaskId} for {run.LogicalDate:yyyy-MM-dd} started", cancellationToken);
                events.Publish(new RunChange(run.RunId, task.TaskId, StateNames.Name(TaskState.Running), run.BackfillId));
                var outcome = await TryAsync(run, task, tryNumber, token, cancellationToken);
                var retrying = outcome.Kind == TaskOutcomeKind.Transient && attempts <= options.Retries;
                var state = outcome.Kind switch
                {
                    TaskOutcomeKind.Success or TaskOutcomeKind.ShortCircuit => TaskState.Success,
                    _ when retrying => TaskState.UpForRetry,
                    _ => TaskState.Failed,
                };
                await store.EndTryAsync(run.RunId, task.TaskId, tryNumber, state, outcome.Message, CancellationToken.None);
                events.Publish(new RunChange(run.RunId, task.TaskId, StateNames.Name(state), run.BackfillId));
                return retrying ? throw new TransientTaskException(outcome.Message) : outcome;
            }, cancellationToken);
        }
        catch (TransientTaskException ex)
        {
            return TaskOutcome.Failed(ex.Message);
        }
    }

    /// <summary>One try: the task's work under the try's timeout; every failure becomes an outcome with a one-line message.</summary>
    private async Task<TaskOutcome> TryAsync(DagRunRecord run, DagTask task, int tryNumber, CancellationToken tryToken, CancellationToken runToken)
    {
        var context = new TaskContext(
            run.LogicalDate,
            run.FullRefresh,
            tryNumber,
            (results, lines) => store.AddResultsAsync(run.RunId, task.TaskId, tryNumber, results, lines, CancellationToken.None));
        TaskOutcome outcome;
        try
        {
            outcome = await task.Execute(context, tryToken);
        }
        catch (OperationCanceledException) when (tryToken.IsCancellationRequested && !runToken.IsCancellationRequested)
        {
            outcome = TaskOutcome.Failed($"timed out after {options.TaskTimeout}");
        }
        catch (Exception ex) when (!runToken.IsCancellationRequested && TransientErrors.IsTransient(ex))
        {
            outcome = TaskOutcome.Transient(OneLine(ex.Message));
        }
#pragma warning disable CA1031 // A task is the orchestrator's boundary: whatever it throws fails the task, never the scheduler.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            outcome = TaskOutcome.Failed($"{(ex is Errors.PipelineException ? string.Empty : $"{ex.GetType().Name}: ")}{OneLine(ex.Message)}");
        }

        LogTaskTry(run.RunId, task.TaskId, tryNumber, outcome.Kind, outcome.Message);
        return outcome;
    }

    private ResiliencePipeline Pipeline(DagRunRecord run, DagTask task)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientTaskException>(),
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                UseJitter = false,
                OnRetry = async arguments => await store.AppendLogAsync(
                    run.RunId, task.TaskId, arguments.AttemptNumber + 1, "warning",
                    $"transient failure; try {arguments.AttemptNumber + 2} in {arguments.RetryDelay.TotalSeconds:F1} s", CancellationToken.None),
            });
        }

        // The timeout sits inside the retry, so it limits each try, not the sum of them.
        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.TaskTimeout }).Build();
    }

    private async Task SetRunStateAsync(DagRunRecord run, RunState state, string? note, CancellationToken cancellationToken)
    {
        await store.SetRunStateAsync(run.RunId, state, note, cancellationToken);
        events.Publish(new RunChange(run.RunId, null, StateNames.Name(state), run.BackfillId));
    }

    private async Task SetTaskStateAsync(DagRunRecord run, string taskId, TaskState state, string message, CancellationToken cancellationToken)
    {
        await store.SetTaskStateAsync(run.RunId, taskId, state, message, cancellationToken);
        events.Publish(new RunChange(run.RunId, taskId, StateNames.Name(state), run.BackfillId));
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} task {TaskId} try {TryNumber}: {Outcome} ({Detail})")]
    private partial void LogTaskTry(long runId, string taskId, int tryNumber, TaskOutcomeKind outcome, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {DagId} for {LogicalDate}: {State}")]
    private partial void LogRunEnded(long runId, string dagId, DateOnly logicalDate, RunState state);

    /// <summary>Carries a transient failure to the retry strategy.</summary>
    private sealed class TransientTaskException(string message) : Exception(message);
}
