using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Scheduling;

namespace Olist.Tests.Orchestration;

/// <summary>The cron scheduler on a fake clock: fire times across days and time zones, catchup after downtime, pause and resume.</summary>
public sealed class SchedulerTests : IDisposable
{
    private static readonly DagDefinition NoOpDag = new("daily_build", [new DagTask("only", (_, _) => Task.FromResult(TaskOutcome.Success("ok")))]);

    private readonly OrchestrationHarness _harness = new();

    [Fact]
    public void Fires_at_23_00_Sao_Paulo_every_day_and_each_fire_processes_the_day_before()
    {
        var schedule = new CronSchedule("0 23 * * *", "America/Sao_Paulo");

        // 22:00 in São Paulo (UTC-3) is 01:00 UTC the next day.
        var first = schedule.NextFire(new DateTimeOffset(2018, 3, 10, 22, 0, 0, TimeSpan.FromHours(-3)))!.Value;
        var second = schedule.NextFire(first)!.Value;
        var fires = schedule.FiresBetween(first.AddTicks(-1), first.AddDays(3));

        Assert.Equal(new DateTimeOffset(2018, 3, 11, 2, 0, 0, TimeSpan.Zero), first.ToUniversalTime());
        Assert.Equal(TimeSpan.FromDays(1), second - first);
        Assert.Equal(4, fires.Count);
        Assert.Equal(new DateOnly(2018, 3, 9), schedule.LogicalDateOf(first));
        Assert.Equal(new DateOnly(2018, 3, 10), schedule.LogicalDateOf(second));
        Assert.Equal([new DateOnly(2018, 3, 9), new(2018, 3, 10), new(2018, 3, 11), new(2018, 3, 12)], fires.Select(schedule.LogicalDateOf));
    }

    [Fact]
    public void Reads_the_cron_in_its_time_zone_across_a_daylight_saving_change()
    {
        var schedule = new CronSchedule("0 23 * * *", "Europe/Berlin");

        var fires = schedule.FiresBetween(new DateTimeOffset(2024, 3, 29, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero));

        // 23:00 local is 22:00 UTC in winter time and 21:00 UTC from the last Sunday of March.
        Assert.Equal(
            [new DateTimeOffset(2024, 3, 29, 22, 0, 0, TimeSpan.Zero), new(2024, 3, 30, 22, 0, 0, TimeSpan.Zero), new(2024, 3, 31, 21, 0, 0, TimeSpan.Zero)],
            fires.Select(f => f.ToUniversalTime()));
    }

    [Theory]
    [InlineData("0 23 * *", "America/Sao_Paulo", "not a five-field cron expression")]
    [InlineData("0 23 * * *", "Mars/Olympus_Mons", "not a known time zone")]
    public void Refuses_a_bad_cron_or_time_zone_with_a_clear_message(string cron, string zone, string expected)
    {
        var error = Assert.Throws<PipelineException>(() => new CronSchedule(cron, zone));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_three_days_of_downtime_catchup_queues_every_missed_day_once_in_order()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var (orchestrator, scheduler) = await SchedulerAsync(clock, new ScheduleOptions());
        using var _ = orchestrator;
        Assert.Empty(await scheduler.TickAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromDays(3));
        var queued = await scheduler.TickAsync(CancellationToken.None);
        var again = await scheduler.TickAsync(CancellationToken.None);

        Assert.Equal([new DateOnly(2018, 3, 9), new(2018, 3, 10), new(2018, 3, 11)], queued);
        Assert.Empty(again);
        var runs = await orchestrator.Store.ListRunsAsync(new(Type: RunType.Scheduled), CancellationToken.None);
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunState.Queued, r.State));
    }

    [Fact]
    public async Task Without_catchup_only_the_latest_missed_day_is_queued()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var (orchestrator, scheduler) = await SchedulerAsync(clock, new ScheduleOptions { Catchup = false });
        using var _ = orchestrator;
        await scheduler.TickAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal([new DateOnly(2018, 3, 11)], await scheduler.TickAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_paused_scheduler_queues_nothing_stays_paused_after_a_restart_and_catches_up_when_resumed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var (orchestrator, scheduler) = await SchedulerAsync(clock, new ScheduleOptions());
        using var _ = orchestrator;
        await scheduler.TickAsync(CancellationToken.None);
        await scheduler.PauseAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Empty(await scheduler.TickAsync(CancellationToken.None));
        Assert.Null(await scheduler.NextFireAsync(CancellationToken.None));
        var (restartedOrchestrator, restarted) = await SchedulerAsync(clock, new ScheduleOptions());
        using var __ = restartedOrchestrator;
        Assert.True((await restarted.StateAsync(CancellationToken.None)).Paused);
        Assert.Empty(await restarted.TickAsync(CancellationToken.None));

        await restarted.ResumeAsync(CancellationToken.None);

        Assert.Equal([new DateOnly(2018, 3, 9), new(2018, 3, 10)], await restarted.TickAsync(CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2018, 3, 13, 2, 0, 0, TimeSpan.Zero), (await restarted.NextFireAsync(CancellationToken.None))!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task The_running_loop_wakes_at_the_fire_time_of_the_fake_clock()
    {
        var clock = new ObservedClock(new DateTimeOffset(2018, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var (orchestrator, scheduler) = await SchedulerAsync(clock, new ScheduleOptions());
        using var _ = orchestrator;
        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);

        // 23:00 in São Paulo is 14 hours away: a minute before it nothing is queued, a minute after it the run is. Each
        // advance wakes the sleeping loop, and its next sleep shows it has looked at the new time.
        await clock.NextTimerAsync();
        clock.Advance(TimeSpan.FromHours(14) - TimeSpan.FromMinutes(1));
        await clock.NextTimerAsync();
        Assert.Empty(await orchestrator.Store.ListRunsAsync(new(), CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(2));
        await clock.NextTimerAsync();

        Assert.Equal(new DateOnly(2018, 3, 9), Assert.Single(await orchestrator.Store.ListRunsAsync(new(), CancellationToken.None)).LogicalDate);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
    }

    public void Dispose() => _harness.Dispose();

    private async Task<(Orchestrator, DagScheduler)> SchedulerAsync(FakeTimeProvider clock, ScheduleOptions options)
    {
        var orchestrator = await _harness.OrchestratorAsync(NoOpDag, timeProvider: clock);
        return (orchestrator, new DagScheduler(orchestrator, new CronSchedule(options.Cron, options.TimeZone), options, clock, NullLogger<DagScheduler>.Instance));
    }
}
