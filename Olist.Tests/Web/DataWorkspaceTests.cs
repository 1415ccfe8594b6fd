using Olist.Pipeline.Progress;
using Olist.Web.FirstRun;

namespace Olist.Tests.Web;

/// <summary>
/// The workspace's status, which the first run writes and pages watch: what it passes on, what it holds back, what
/// /readyz says of it, and that only opening the workspace makes the data ready.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class DataWorkspaceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<DataStatus> _heard = [];
    private readonly TempDirectory _directory = new();
    private readonly ServiceProvider _services;
    private readonly DataWorkspace _state;

    public DataWorkspaceTests()
    {
        _services = TestPipeline.Create(_directory.Path, replace: services => services.AddSingleton<TimeProvider>(_clock));
        _state = _services.GetRequiredService<DataWorkspace>();
        _state.Changed += _heard.Add;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public void Passes_on_each_new_step_but_only_a_few_updates_a_second_within_one_step()
    {
        var progress = _state.ProgressOf(FirstRunService.LoadingActivity);

        progress.Report(new WorkProgress("orders", 1, 100));
        progress.Report(new WorkProgress("orders", 2, 100));
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        progress.Report(new WorkProgress("orders", 3, 100));
        progress.Report(new WorkProgress("order_items", 1, 100));
        _clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report(new WorkProgress("order_items", 50, 100));

        Assert.Equal([("orders", 1L), ("order_items", 1L), ("order_items", 50L)], _heard.Select(s => (s.Progress!.Step, s.Progress.Done)));
    }

    [Fact]
    public void Holds_the_latest_progress_even_when_it_is_not_passed_on()
    {
        var progress = _state.ProgressOf(FirstRunService.LoadingActivity);

        progress.Report(new WorkProgress("orders", 1, 100));
        progress.Report(new WorkProgress("orders", 60, 100));

        Assert.Single(_heard);
        Assert.Equal(60, _state.Status.Progress!.Done);
        Assert.Equal(60, Readiness.Of(_state.Status).Percent);
    }

    [Fact]
    public async Task Opening_passes_on_ready_at_once_with_the_totals_of_the_loaded_tables_and_the_bus_open()
    {
        var loadedAt = new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
        _state.ProgressOf(FirstRunService.LoadingActivity).Report(new WorkProgress("orders", 1, 100));
        var busBeforeOpening = File.Exists(_state.Paths.Bus);

        await _state.OpenAsync(
        [
            new SourceTableStatus("orders", "olist_orders_dataset.csv", 120, 3, loadedAt, []),
            new SourceTableStatus("sellers", "olist_sellers_dataset.csv", 30, 0, loadedAt.AddMinutes(1), []),
            new SourceTableStatus("geolocation", null, 0, 0, null, []),
        ], CancellationToken.None);

        Assert.False(busBeforeOpening);
        Assert.True(File.Exists(_state.Paths.Bus));
        Assert.True(_state.IsReady);
        var ready = _heard[^1];
        Assert.Equal(DataPhase.Ready, ready.Phase);
        Assert.Equal(150, ready.TotalRows);
        Assert.Equal(loadedAt.AddMinutes(1), ready.LoadedAt);
        Assert.Equal(new Readiness("ready", null, null, null, 150, loadedAt.AddMinutes(1), null), Readiness.Of(ready));
    }

    [Fact]
    public void Only_opening_makes_the_data_ready()
    {
        Assert.Throws<ArgumentException>(() => _state.Report(DataStatus.Ready([])));

        Assert.False(_state.IsReady);
        Assert.Empty(_heard);
    }

    [Fact]
    public async Task A_bus_that_cannot_be_opened_does_not_hold_the_data_back_and_its_users_get_the_reason()
    {
        await File.WriteAllTextAsync(_state.Paths.Bus, new string('x', 8192));

        await _state.OpenAsync([], CancellationToken.None);

        Assert.True(_state.IsReady);
        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => _state.Bus.ProbeAsync(CancellationToken.None));
    }

    [Fact]
    public void A_failure_is_passed_on_with_its_reason()
    {
        _state.Report(DataStatus.Failed("orders.csv is missing"));

        Assert.Equal("orders.csv is missing", Assert.Single(_heard).FailureReason);
        Assert.Equal("failed", Readiness.Of(_state.Status).Status);
        Assert.Equal("orders.csv is missing", Readiness.Of(_state.Status).Reason);
    }
}
