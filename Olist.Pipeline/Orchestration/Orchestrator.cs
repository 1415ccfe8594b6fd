using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Orchestration.Store;
using Olist.Pipeline.Progress;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Orchestration;

/// <summary>
/// Where runs of a DAG are queued and run, one at a time (<c>max_active_runs</c> 1): manual and scheduled runs, retries
/// of failed runs, and backfills. A backfill runs its days in order and is resumable (days already successful or
/// skipped are left alone unless asked to rerun); its once-per-range tasks run in one of its runs only, as the DAG's
/// edges place them: those that need no day's work in the run of its first day with work, the others in its last.
/// </summary>
public sealed partial class Orchestrator : IDisposable
{
    /// <summary>The longest range one backfill may cover.</summary>
    public const int MaxBackfillDays = 3660;

    private readonly SemaphoreSlim _oneActiveRun = new(1, 1);
    private readonly DagRunner _runner;
    private readonly DuckDbWarehouse _warehouse;
    private readonly ILogger<Orchestrator> _logger;
    private TaskCompletionSource _work = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Orchestrator(
        DagDefinition dag, OpsStore store, DuckDbWarehouse warehouse, RunEvents events, RunOptions options, TimeProvider timeProvider, ILogger<Orchestrator> logger)
    {
        Dag = dag;
        Store = store;
        Events = events;
        _warehouse = warehouse;
        _logger = logger;
        _runner = new DagRunner(dag, store, events, options, timeProvider, logger);
    }

    public DagDefinition Dag { get; }

    public OpsStore Store { get; }

    public RunEvents Events { get; }

    /// <summary>Queues a run of <paramref name="logicalDate"/>; the worker runs it when no other run is active.</summary>
    public async Task<DagRunRecord> QueueRunAsync(DateOnly logicalDate, bool fullRefresh, RunType runType, CancellationToken cancellationToken)
    {
        var run = await Store.CreateRunAsync(Dag.DagId, logicalDate, runType, fullRefresh, backfillId: null, Dag.TaskIds, cancellationToken)
            ?? throw new PipelineException($"a {StateNames.Name(runType)} run of {Dag.DagId} for {logicalDate:yyyy-MM-dd} exists already.");
        Announce(run);
        return run;
    }

    /// <summary>Queues the scheduled run of a day; null when the day has one already (another tick or process made it).</summary>
    public async Task<DagRunRecord?> QueueScheduledRunAsync(DateOnly logicalDate, CancellationToken cancellationToken)
    {
        var run = await Store.CreateRunAsync(Dag.DagId, logicalDate, RunType.Scheduled, fullRefresh: false, backfillId: null, Dag.TaskIds, cancellationToken);
        if (run is not null)
        {
            Announce(run);
        }

        return run;
    }

    /// <summary>Queues a backfill of [<paramref name="from"/>, <paramref name="to"/>]; a clear error for a reversed or too long range.</summary>
    public async Task<BackfillRecord> QueueBackfillAsync(DateOnly from, DateOnly to, bool rerun, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new InvalidRequestException($"the backfill range is reversed: {from:yyyy-MM-dd} is after {to:yyyy-MM-dd}.");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxBackfillDays)
        {
            throw new InvalidRequestException($"a backfill covers at most {MaxBackfillDays} days; split {from:yyyy-MM-dd}..{to:yyyy-MM-dd} into smaller ranges.");
        }

        var backfill = await Store.CreateBackfillAsync(Dag.DagId, from, to, rerun, cancellationToken);
        Events.Publish(new RunChange(null, null, StateNames.Name(backfill.State), backfill.BackfillId));
        Signal();
        return backfill;
    }

    /// <summary>Queues a failed run again: its failed and upstream-failed tasks run anew, successful ones are kept.</summary>
    public async Task<DagRunRecord> RetryAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await Store.GetRunAsync(runId, cancellationToken) ?? throw new PipelineException($"there is no run {runId}.");
        if (!await Store.RequeueFailedRunAsync(runId, cancellationToken))
        {
            throw new PipelineException($"run {runId} is {StateNames.Name(run.State)}: only a failed run can be retried.");
        }

        var queued = (await Store.GetRunAsync(runId, cancellationToken))!;
        Announce(queued);
        return queued;
    }

    /// <summary>Marks runs a crashed process left running as failed (retryable); call once at start, before running anything.</summary>
    public async Task<IReadOnlyList<long>> RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        var failed = await Store.FailInterruptedAsync("interrupted: the process stopped while this ran; retry the run", cancellationToken);
        foreach (var runId in failed)
        {
            LogRecovered(runId);
            Events.Publish(new RunChange(runId, null, StateNames.Name(RunState.Failed), null));
        }

        return failed;
    }

    /// <summary>Runs the oldest queued run, else the oldest queued backfill; false when nothing was queued.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        if (await Store.NextQueuedRunAsync(Dag.DagId, cancellationToken) is { } run)
        {
            await RunAsync(run, cancellationToken);
            return true;
        }

        if (await Store.NextQueuedBackfillAsync(Dag.DagId, cancellationToken) is { } backfill)
        {
            await RunBackfillAsync(backfill, progress: null, cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>Completes when work is queued in this process (or at once if some was queued since the last wait).</summary>
    public async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        await _work.Task.WaitAsync(cancellationToken);
        _work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Runs one run now, after any active run finishes.</summary>
    public async Task<DagRunRecord> RunAsync(DagRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _oneActiveRun.WaitAsync(cancellationToken);
        try
        {
            await using var warm = await KeepWarehouseOpenAsync(cancellationToken);
            return await _runner.RunAsync(run, RunPlan.Complete, cancellationToken);
        }
        finally
        {
            _oneActiveRun.Release();
        }
    }

    /// <summary>Runs a backfill's days in order; stops at the first failed day, so a later backfill of the same range resumes there.</summary>
    public async Task<BackfillRecord> RunBackfillAsync(BackfillRecord backfill, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backfill);
        await _oneActiveRun.WaitAsync(cancellationToken);
        try
        {
            await using var warm = await KeepWarehouseOpenAsync(cancellationToken);
            var days = Enumerable.Range(0, backfill.To.DayNumber - backfill.From.DayNumber + 1).Select(backfill.From.AddDays).ToList();
            var finished = backfill.Rerun ? new HashSet<DateOnly>() : await Store.FinishedDatesAsync(Dag.DagId, backfill.From, backfill.To, cancellationToken);
            var todo = days.Where(d => !finished.Contains(d)).ToList();
            var workDays = await Dag.WorkDaysAsync(backfill.From, backfill.To, cancellationToken);
            var dataDays = todo.Where(workDays.Contains).ToList();
            var done = days.Count - todo.Count;
            await UpdateAsync(backfill, RunState.Running, done, $"{todo.Count} of {days.Count} days to run, {dataDays.Count} {Dag.WorkDayLabel}", cancellationToken);
            long? sharedRun = null;
            foreach (var day in todo)
            {
                var run = (await Store.CreateRunAsync(Dag.DagId, day, RunType.Backfill, fullRefresh: false, backfill.BackfillId, Dag.TaskIds, cancellationToken))!;
                var plan = Plan(backfill.BackfillId, day, dataDays, sharedRun);
                sharedRun ??= dataDays.Count > 0 && day == dataDays[0] ? run.RunId : null;
                var ended = await _runner.RunAsync(run, plan, cancellationToken);
                done++;
                progress?.Report(new WorkProgress("backfill", done, days.Count, $"{day:yyyy-MM-dd} {StateNames.Name(ended.State)}"));
                if (ended.State == RunState.Failed)
                {
                    return await UpdateAsync(backfill, RunState.Failed, done - 1, $"stopped at {day:yyyy-MM-dd}: run {ended.RunId} failed; backfill the range again to resume there", CancellationToken.None);
                }

                await UpdateAsync(backfill, RunState.Running, done, null, cancellationToken);
            }

            return await UpdateAsync(backfill, RunState.Success, done, $"{todo.Count} days run, {days.Count - todo.Count} already done", cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Store.FailInterruptedAsync("interrupted: the process stopped during the backfill; backfill the range again to resume", CancellationToken.None);
            throw;
        }
        finally
        {
            _oneActiveRun.Release();
        }
    }

    /// <summary>
    /// What a backfill day leaves out: the once-per-range tasks that need no day's work run on the first day with work
    /// (later days reuse what they built), those downstream of a day's work on the last, after every day's work is done.
    /// </summary>
    private RunPlan Plan(long backfillId, DateOnly day, List<DateOnly> dataDays, long? sharedRun)
    {
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dataDays.Count == 0 || day != dataDays[0])
        {
            foreach (var task in Dag.FirstWorkDayTasks)
            {
                skipped[task] = sharedRun is { } shared
                    ? $"shared: built once for backfill {backfillId} by run {shared}"
                    : $"shared: backfill {backfillId} builds it on its first day {Dag.WorkDayLabel}";
            }
        }

        if (dataDays.Count == 0 || day != dataDays[^1])
        {
            foreach (var task in Dag.LastWorkDayTasks)
            {
                skipped[task] = $"shared: backfill {backfillId} builds it once, after its last day {Dag.WorkDayLabel}";
            }
        }

        return new RunPlan(skipped);
    }

    /// <summary>
    /// Holds a connection for the length of a run: DuckDB.NET keeps the database open only while a connection is, so
    /// without one each task's engine call would reopen the file (most of a day's time in a backfill). When the
    /// warehouse cannot be opened the run goes on without it, and its tasks report why.
    /// </summary>
    private async Task<IAsyncDisposable?> KeepWarehouseOpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _warehouse.OpenAsync(cancellationToken);
        }
        catch (PipelineException ex)
        {
            LogWarehouseUnavailable(ex.Message);
            return null;
        }
    }

    private async Task<BackfillRecord> UpdateAsync(BackfillRecord backfill, RunState state, int daysDone, string? message, CancellationToken cancellationToken)
    {
        await Store.UpdateBackfillAsync(backfill.BackfillId, state, daysDone, message, cancellationToken);
        Events.Publish(new RunChange(null, null, StateNames.Name(state), backfill.BackfillId));
        return (await Store.GetBackfillAsync(backfill.BackfillId, CancellationToken.None))!;
    }

    private void Announce(DagRunRecord run)
    {
        Events.Publish(new RunChange(run.RunId, null, StateNames.Name(run.State), run.BackfillId));
        Signal();
    }

    private void Signal() => _work.TrySetResult();

    public void Dispose() => _oneActiveRun.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warehouse could not be held open for the run: {Reason}")]
    private partial void LogWarehouseUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} was interrupted by a stop of the process; marked failed, it can be retried")]
    private partial void LogRecovered(long runId);
}
