using MudBlazor;
using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Scheduling;
using Olist.Tests.Orchestration;
using Olist.Web.Components.Pages.Ops;

namespace Olist.Tests.Web;

/// <summary>The operations pages over a real ops store: runs with filters and live updates, a run's timeline and failing rows, the schedule's operator actions.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class OperationsPageTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2018, 3, 1);

    private readonly BunitContext _context = new();
    private readonly OrchestrationHarness _harness = new();
    private Orchestrator _orchestrator = default!;
    private DagScheduler _scheduler = default!;

    public async Task InitializeAsync()
    {
        // Two tasks: the second fails on a day ending in 2, with a failing test whose rows the page must show.
        var dag = new DagDefinition("daily_build",
        [
            new DagTask("check_new_data", (_, _) => Task.FromResult(TaskOutcome.Success("12 orders"))),
            new DagTask("audit_fact_sales", async (context, _) =>
            {
                if (context.LogicalDate.Day != 2)
                {
                    return TaskOutcome.Success("audited");
                }

                await context.RecordAsync(
                [
                    new NodeResult("test.fact_sales_refuses", "fact_sales_refuses", NodeKind.Test, RunStatus.Fail, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(3), null, 1,
                        [new Dictionary<string, object?> { ["order_id"] = "order-with-a-bad-allocation", ["ds"] = "2018-03-02" }], "1 failing rows"),
                ]);
                return TaskOutcome.Failed("audit failed (fact_sales_refuses): nothing published, fact_sales is unchanged");
            }),
        ]);
        _orchestrator = await _harness.OrchestratorAsync(dag);
        _scheduler = new DagScheduler(_orchestrator, new CronSchedule("0 23 * * *", "America/Sao_Paulo"), new ScheduleOptions(), TimeProvider.System, NullLogger<DagScheduler>.Instance);
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(TimeProvider.System);
        _context.Services.AddSingleton(_harness.Events);
        _context.Services.AddSingleton(_orchestrator.Store);
        _context.Services.AddSingleton(_orchestrator);
        _context.Services.AddSingleton(_scheduler);
        _context.Services.AddSingleton(_harness.Warehouse);
    }

    public async Task DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously.
        await _context.DisposeAsync();
        _orchestrator.Dispose();
        _harness.Dispose();
    }

    [Fact]
    public async Task The_runs_page_lists_runs_filters_them_by_state_and_shows_a_new_run_without_a_reload()
    {
        var succeeded = await RunAsync(Day);
        var failed = await RunAsync(Day.AddDays(1));
        _context.AddAuthorization();

        var page = RenderPage<RunsPage>();

        Assert.Equal([Id(failed), Id(succeeded)], page.FindAll("tr[data-run]").Select(r => r.GetAttribute("data-run")));
        Assert.Equal(["failed", "success"], page.FindAll("tr[data-run]").Select(r => r.GetAttribute("data-state")));

        var stateFilter = page.FindComponents<MudSelect<string>>()[0];
        await page.InvokeAsync(() => stateFilter.Instance.ValueChanged.InvokeAsync("failed"));
        Assert.Equal([Id(failed)], page.FindAll("tr[data-run]").Select(r => r.GetAttribute("data-run")));
        await page.InvokeAsync(() => stateFilter.Instance.ValueChanged.InvokeAsync(null));

        var queued = await _orchestrator.QueueRunAsync(Day.AddDays(5), false, RunType.Manual, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Equal("queued", page.Find($"tr[data-run='{queued.RunId}']").GetAttribute("data-state")));
    }

    [Fact]
    public async Task The_run_page_draws_the_task_timeline_with_states_and_shows_the_failing_rows_and_the_logs_of_each_try()
    {
        var failed = await RunAsync(Day.AddDays(1));
        _context.AddAuthorization();

        var page = RenderPage<RunPage>(parameters => parameters.Add(p => p.RunId, failed.RunId));

        Assert.Equal("failed", page.Find("[data-testid=run-state] [data-state]").GetAttribute("data-state"));
        var bars = page.FindAll("[data-testid=gantt] g[data-task]");
        Assert.Equal([("check_new_data", "success"), ("audit_fact_sales", "failed")], bars.Select(b => (b.GetAttribute("data-task"), b.GetAttribute("data-state"))));
        Assert.All(bars, b => Assert.NotNull(b.QuerySelector("rect")));
        Assert.Contains("order-with-a-bad-allocation", page.Find("tr[data-failing-rows=fact_sales_refuses]").TextContent, StringComparison.Ordinal);
        Assert.Contains("audit failed", page.Find("tr[data-try='audit_fact_sales/1'] pre").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=retry]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_operator_retries_a_failed_run_from_its_page()
    {
        var failed = await RunAsync(Day.AddDays(1));
        _context.AddAuthorization().SetAuthorized("operator").SetRoles(OlistPolicies.OperatorRole).SetPolicies(OlistPolicies.Operator);
        var page = RenderPage<RunPage>(parameters => parameters.Add(p => p.RunId, failed.RunId));

        await page.Find("[data-testid=retry]").ClickAsync(new());

        Assert.Equal(RunState.Queued, (await _orchestrator.Store.GetRunAsync(failed.RunId, CancellationToken.None))!.State);
        page.WaitForAssertion(() => Assert.Equal("queued", page.Find("[data-testid=run-state] [data-state]").GetAttribute("data-state")));
    }

    [Fact]
    public void A_viewer_sees_the_schedule_but_cannot_pause_trigger_or_backfill()
    {
        _context.AddAuthorization();

        var page = RenderPage<SchedulePage>();

        Assert.True(page.Find("[data-testid=pause]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=trigger]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=backfill]").HasAttribute("disabled"));
        Assert.Contains("signin", page.Find("[data-testid=signin-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("America/Sao_Paulo", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_pauses_and_resumes_the_scheduler_and_the_choice_is_kept()
    {
        _context.AddAuthorization().SetAuthorized("operator").SetRoles(OlistPolicies.OperatorRole).SetPolicies(OlistPolicies.Operator);
        var page = RenderPage<SchedulePage>();
        Assert.Equal("active", page.Find("[data-testid=scheduler-state] [data-state]").GetAttribute("data-state"));

        await page.Find("[data-testid=pause]").ClickAsync(new());

        Assert.True((await _scheduler.StateAsync(CancellationToken.None)).Paused);
        Assert.Equal("paused", page.Find("[data-testid=scheduler-state] [data-state]").GetAttribute("data-state"));
        await page.Find("[data-testid=resume]").ClickAsync(new());
        Assert.False((await _scheduler.StateAsync(CancellationToken.None)).Paused);
    }

    /// <summary>Renders a page after the popover provider its selects and pickers need, once every service is registered.</summary>
    private IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        _context.Render<MudPopoverProvider>();
        return _context.Render(parameters);
    }

    private static string Id(Pipeline.Orchestration.Store.DagRunRecord run) => run.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Pipeline.Orchestration.Store.DagRunRecord> RunAsync(DateOnly day) =>
        await _orchestrator.RunAsync(await _orchestrator.QueueRunAsync(day, false, RunType.Manual, CancellationToken.None), CancellationToken.None);
}
