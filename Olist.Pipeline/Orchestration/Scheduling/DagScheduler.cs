using Olist.Pipeline.Orchestration.Store;

namespace Olist.Pipeline.Orchestration.Scheduling;

/// <summary>
/// Turns cron fire times into queued scheduled runs. Fires missed while the app was down or paused become runs on the
/// next tick: all of them with catchup, only the latest without. Pause and resume are kept in the ops store, so they
/// survive restarts. Time comes from a <see cref="TimeProvider"/>, so tests move the clock instead of waiting.
/// </summary>
public sealed partial class DagScheduler(Orchestrator orchestrator, CronSchedule schedule, ScheduleOptions options, TimeProvider timeProvider, ILogger<DagScheduler> logger)
{
    // The loop also wakes this often to notice a pause or resume made by another process.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CronSchedule Schedule => schedule;

    public ScheduleOptions Options => options;

    /// <summary>The scheduler's state: paused, and the latest fire already turned into runs.</summary>
    public Task<SchedulerStateRecord> StateAsync(CancellationToken cancellationToken) =>
        orchestrator.Store.GetSchedulerStateAsync(orchestrator.Dag.DagId, options.Paused, cancellationToken);

    /// <summary>The next fire time, or null while paused.</summary>
    public async Task<DateTimeOffset?> NextFireAsync(CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken);
        return state.Paused ? null : schedule.NextFire(Later(timeProvider.GetUtcNow(), state.LastFireAt));
    }

    /// <summary>Queues the runs of the fires that are due; returns their logical dates (those that did not exist yet).</summary>
    public async Task<IReadOnlyList<DateOnly>> TickAsync(CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken);
        if (state.Paused)
        {
            return [];
        }

        var fires = schedule.FiresBetween(state.LastFireAt ?? state.CreatedAt, timeProvider.GetUtcNow());
        if (fires.Count == 0)
        {
            return [];
        }

        var queued = new List<DateOnly>();
        foreach (var fire in options.Catchup ? fires : [fires[^1]])
        {
            var day = schedule.LogicalDateOf(fire);
            if (await orchestrator.QueueScheduledRunAsync(day, cancellationToken) is not null)
            {
                LogQueued(day, fire);
                queued.Add(day);
            }
        }

        await orchestrator.Store.SetLastFireAsync(orchestrator.Dag.DagId, fires[^1], cancellationToken);
        return queued;
    }

    public Task PauseAsync(CancellationToken cancellationToken) => SetPausedAsync(true, cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken) => SetPausedAsync(false, cancellationToken);

    /// <summary>Ticks at every fire time until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await TickAsync(cancellationToken);
            var now = timeProvider.GetUtcNow();
            var next = await NextFireAsync(cancellationToken);
            var sleep = next is { } fire && fire - now < LongestSleep ? fire - now : LongestSleep;
            var changed = _changed.Task;
            await Task.WhenAny(Task.Delay(sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep, timeProvider, cancellationToken), changed);
            cancellationToken.ThrowIfCancellationRequested();
            if (changed.IsCompleted)
            {
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private async Task SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        await StateAsync(cancellationToken);
        await orchestrator.Store.SetPausedAsync(orchestrator.Dag.DagId, paused, cancellationToken);
        LogPaused(paused);
        _changed.TrySetResult();
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other > a ? other : a;

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled run for {LogicalDate} queued (fire time {FireAt})")]
    private partial void LogQueued(DateOnly logicalDate, DateTimeOffset fireAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler paused: {Paused}")]
    private partial void LogPaused(bool paused);
}
