using Microsoft.Extensions.Time.Testing;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Progress;
using Olist.Web.Api;
using Olist.Web.FirstRun;

namespace Olist.Tests.Web;

/// <summary>The state the first run writes and pages watch: what it passes on, what it holds back, what /readyz says of it.</summary>
public sealed class DataPreparationStateTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<DataStatus> _heard = [];
    private readonly DataPreparationState _state;

    public DataPreparationStateTests()
    {
        _state = new DataPreparationState(_clock);
        _state.Changed += _heard.Add;
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
        Assert.Equal(60, _state.Current.Progress!.Done);
        Assert.Equal(60, Readiness.Of(_state.Current).Percent);
    }

    [Fact]
    public void Passes_on_ready_at_once_with_the_totals_of_the_loaded_tables()
    {
        var loadedAt = new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
        _state.ProgressOf(FirstRunService.LoadingActivity).Report(new WorkProgress("orders", 1, 100));

        _state.Report(DataStatus.Ready(
        [
            new SourceTableStatus("orders", "olist_orders_dataset.csv", 120, 3, loadedAt, []),
            new SourceTableStatus("sellers", "olist_sellers_dataset.csv", 30, 0, loadedAt.AddMinutes(1), []),
            new SourceTableStatus("geolocation", null, 0, 0, null, []),
        ]));

        var ready = _heard[^1];
        Assert.Equal(DataPhase.Ready, ready.Phase);
        Assert.Equal(150, ready.TotalRows);
        Assert.Equal(loadedAt.AddMinutes(1), ready.LoadedAt);
        Assert.Equal(new Readiness("ready", null, null, null, 150, loadedAt.AddMinutes(1), null), Readiness.Of(ready));
    }

    [Fact]
    public void A_failure_is_passed_on_with_its_reason()
    {
        _state.Report(DataStatus.Failed("orders.csv is missing"));

        Assert.Equal("orders.csv is missing", Assert.Single(_heard).FailureReason);
        Assert.Equal("failed", Readiness.Of(_state.Current).Status);
        Assert.Equal("orders.csv is missing", Readiness.Of(_state.Current).Reason);
    }
}
