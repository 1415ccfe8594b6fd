using Olist.Tests.Kpis;
using Olist.Web.Components.Charts;

namespace Olist.Tests.Web.Kpis;

/// <summary>
/// The overview, the nine KPI pages and the glossary in a real Chromium on the real app with generated data: every chart
/// drawn, no console error and no failed request, a filter and a drill-down that go through the address, phone width.
/// </summary>
public sealed class KpiBrowserTests(KpiServerFixture server, ITestOutputHelper output) : IClassFixture<KpiServerFixture>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    public static TheoryData<string> Routes { get; } = [.. TypedKpiService.ProjectCatalog.Names.Select(n => "kpi/" + n).Prepend(string.Empty)];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Page_draws_all_its_charts_without_errors(string route)
    {
        var (page, problems) = await OpenAsync(1280, 1000);

        var elapsed = await VisitAsync(page, route);

        var name = route.Length == 0 ? "overview" : route["kpi/".Length..];
        output.WriteLine($"/{route}: charts drawn {elapsed.TotalMilliseconds:F0} ms after navigation (tiny data)");
        var charts = await page.Locator("[data-chart]").CountAsync();
        // The location pages show their cities' chart only after a drill-down; every other page has two or more.
        Assert.True(charts >= (route.EndsWith("order-value", StringComparison.Ordinal) || route.EndsWith("frequency", StringComparison.Ordinal) ? 1 : 2), $"/{route} drew {charts} charts");
        // Every chart drew real SVG, not an empty frame.
        Assert.Equal(charts, await page.Locator("[data-chart] svg.apexcharts-svg").CountAsync());
        await page.Mouse.MoveAsync(640, 20);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath($"kpi-{name}.png"), FullPage = true });
        if (route.Length > 0)
        {
            Assert.True(await page.Locator("[data-testid=kpi-table] tbody tr").CountAsync() > 0, $"/{route} shows no table rows");
            await page.GetByTestId("definition-toggle").ClickAsync();
            await Assertions.Expect(page.GetByTestId("definition-panel")).ToContainTextAsync(TypedKpiService.ProjectCatalog.All.Single(k => k.Name == name).Definition);
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_year_preset_and_the_day_grain_go_into_the_address_and_redraw_the_charts()
    {
        var (page, problems) = await OpenAsync(1280, 1000);
        await VisitAsync(page, "kpi/sales-trends");
        var year = await page.Locator("[data-preset]").Nth(1).GetAttributeAsync("data-preset");

        await page.Locator($"[data-preset='{year}']").ClickAsync();
        await page.WaitForURLAsync($"**/kpi/sales-trends?from={year}-01-01&to={year}-12-31");
        await page.WaitForFunctionAsync(ChartProbe.AllChartsDrawn);
        await page.GetByTestId("grain-switch").Locator("[data-grain=day]").ClickAsync();
        await page.WaitForURLAsync($"**/kpi/sales-trends?from={year}-01-01&to={year}-12-31&grain=day");
        // Other test classes prepare their own servers in parallel on a small machine: allow the reload some time.
        await Assertions.Expect(page.Locator("[data-chart=revenue]")).ToContainTextAsync("7-day moving average", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
        await page.WaitForFunctionAsync(ChartProbe.AllChartsDrawn);

        // The range travels with the navigation links to the other KPI pages.
        Assert.Equal(
            $"kpi/customer-growth?from={year}-01-01&to={year}-12-31",
            await page.Locator("nav a[href^='kpi/customer-growth']").GetAttributeAsync("href"));
        var periods = await page.Locator("[data-testid=kpi-table] tbody tr td:first-child").AllTextContentsAsync();
        Assert.All(periods, p => Assert.StartsWith($"{year}-", p.Trim(), StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("kpi-sales-trends-filtered.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Clicking_a_state_bar_drills_into_its_cities()
    {
        var (page, problems) = await OpenAsync(1280, 1000);
        await VisitAsync(page, "kpi/order-value");
        var firstState = (await page.Locator("[data-testid=kpi-table] tbody tr td:first-child").AllTextContentsAsync()).Select(s => s.Trim()).ToList();

        // Bars grow in for a moment; a click during that animation can land beside the bar, so a user (and this test) clicks again.
        for (var attempt = 0; attempt < 5 && !page.Url.Contains("state=", StringComparison.Ordinal); attempt++)
        {
            await page.Locator("[data-chart=states][data-chart-settled=true]").WaitForAsync();
            await page.Locator("[data-chart=states] .apexcharts-bar-area").First.ClickAsync();
            await Task.WhenAny(page.WaitForURLAsync("**/kpi/order-value?state=*"), Task.Delay(2_000));
        }

        await page.WaitForURLAsync("**/kpi/order-value?state=*");
        var state = new Uri(page.Url).Query.Split('=')[1];
        Assert.Contains(state, firstState);
        await Assertions.Expect(page.GetByTestId("selected-state")).ToHaveTextAsync(state);
        await Assertions.Expect(page.Locator("[data-chart=cities]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(ChartProbe.AllChartsDrawn);
        Assert.All(await page.Locator("[data-testid=kpi-table] tbody tr td[data-state]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.state)"), s => Assert.Equal(state, s));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("kpi-order-value-cities.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task On_a_phone_the_page_fits_the_width_and_in_dark_mode_the_charts_follow_the_theme()
    {
        var (page, problems) = await OpenAsync(390, 844, dark: true);

        await VisitAsync(page, "kpi/customer-growth");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways at phone width");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(13, 20, 30)'");
        // ApexCharts' dark mode writes light axis labels.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-chart] .apexcharts-xaxis-label')].every(t => t.getAttribute('fill') === '#9aabbf')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("kpi-customer-growth-phone-dark.png"), FullPage = true });
        Assert.Empty(problems);
    }

    private async Task<(IPage Page, List<string> Problems)> OpenAsync(int width, int height, bool dark = false)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        _contexts.Add(context);
        await context.AddInitScriptAsync($"localStorage.setItem('olist-theme', '{(dark ? "dark" : "light")}')");
        var page = await context.NewPageAsync();
        var problems = Chromium.CollectProblems(page);
        return (page, problems);
    }

    /// <summary>Navigates and waits until every chart is drawn; returns the time from the start of navigation.</summary>
    private async Task<TimeSpan> VisitAsync(IPage page, string route)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(server.Address, route).ToString());
        await page.WaitForFunctionAsync(ChartProbe.AllChartsDrawn, null, new PageWaitForFunctionOptions { PollingInterval = 20 });
        return clock.Elapsed;
    }
}
