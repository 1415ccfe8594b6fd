using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Olist.Pipeline.Progress;
using Olist.Tests.Web.Kpis;
using Olist.Web.Components.Common;
using Olist.Web.Components.Pages;
using Olist.Web.FirstRun;
using Olist.Web.Kpis;

namespace Olist.Tests.Web;

/// <summary>The overview page against a real warehouse: the nine source tables once ready, live progress while preparing.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class OverviewPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly TemporaryDataDirectory _data = new();

    public OverviewPageTests()
    {
        // The app's registration over the test's data directory; the headline tiles read a fake KPI service.
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddLogging();
        _context.Services.AddMudServices();
        _context.Services.AddOlistPipeline(new ConfigurationBuilder().AddInMemoryCollection([new("Olist:DataDirectory", _data.Paths.Root)]).Build());
        _context.Services.AddSingleton<IKpiService, FakeKpiService>();
        _context.Services.AddMemoryCache();
        _context.Services.AddSingleton<HeadlineReader>();
    }

    private DataWorkspace Workspace => _context.Services.GetRequiredService<DataWorkspace>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously.
        await _context.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Shows_each_of_the_nine_tables_with_what_its_load_brought()
    {
        await _data.LoadGeneratedDataAsync();
        var statuses = await _context.Services.GetRequiredService<SourceStatusReader>().ReadAsync(CancellationToken.None);
        await Workspace.OpenAsync(statuses, CancellationToken.None);

        var page = RenderOverview();

        var rows = page.FindAll("tr[data-table]");
        Assert.Equal(OlistCatalog.Tables.Select(t => t.Name), rows.Select(r => r.GetAttribute("data-table")));
        foreach (var status in statuses)
        {
            var row = page.Find($"tr[data-table='{status.Table}']");
            Assert.True(status.RowsLoaded > 0, $"{status.Table} loaded no rows");
            Assert.Equal(Display.Count(status.RowsLoaded), row.QuerySelector("[data-testid=rows-loaded]")!.TextContent.Trim());
            Assert.Equal(Display.Count(status.RowsQuarantined), row.QuerySelector("[data-testid=rows-quarantined]")!.TextContent.Trim());
            Assert.Contains(status.File!, row.TextContent, StringComparison.Ordinal);
            Assert.All(status.Findings, f => Assert.Contains(f.Description, row.TextContent, StringComparison.Ordinal));
        }

        Assert.Empty(page.FindAll("[data-testid=preparing]"));
    }

    [Fact]
    public void While_preparing_shows_the_step_and_a_progress_bar_that_follows_the_first_run()
    {
        var progress = Workspace.ProgressOf(FirstRunService.LoadingActivity);
        progress.Report(new WorkProgress("orders", Done: 250, Total: 1000));

        var page = RenderOverview();

        Assert.Contains("orders", page.Find("[data-testid=preparing-step]").TextContent, StringComparison.Ordinal);
        Assert.Equal("25%", page.Find("[data-testid=preparing-percent]").TextContent.Trim());
        Assert.Equal("25", page.Find("[data-testid=preparing] [role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Empty(page.FindAll("tr[data-table]"));

        // A new step is always passed on at once, so the page must follow without a reload.
        progress.Report(new WorkProgress("order_items", Done: 900, Total: 1000));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("order_items", page.Find("[data-testid=preparing-step]").TextContent, StringComparison.Ordinal);
            Assert.Equal("90%", page.Find("[data-testid=preparing-percent]").TextContent.Trim());
        });
    }

    [Fact]
    public void When_preparation_failed_shows_the_reason()
    {
        Workspace.Report(DataStatus.Failed("The file orders.csv is not a CSV file."));

        var page = RenderOverview();

        Assert.Contains("The file orders.csv is not a CSV file.", page.Find("[data-testid=preparation-failed]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=preparing]"));
    }

    private IRenderedComponent<Overview> RenderOverview()
    {
        // As prerendered: the headline tiles wait for the circuit (HeadlineTests covers them); the tables are served at once.
        _context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return _context.Render<Overview>();
    }
}
