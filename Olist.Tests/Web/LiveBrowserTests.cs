namespace Olist.Tests.Web;

/// <summary>/live in a real Chromium against the real app: orders posted to the ingestion endpoint appear without a reload.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class LiveBrowserTests : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new();
    private LiveServer? _server;

    public async Task InitializeAsync()
    {
        await _data.LoadGeneratedDataAsync();
        _server = await LiveServer.StartAsync(_data, "--Olist:Live:MetricsInterval=00:00:00.2");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _data.Dispose();
    }

    [Fact]
    public async Task Live_page_shows_posted_orders_and_updates_its_metrics_without_a_reload()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1300 } });
        await context.AddInitScriptAsync("localStorage.setItem('olist-theme', 'dark')");
        var page = await context.NewPageAsync();
        var problems = Chromium.CollectProblems(page);
        await page.GotoAsync(new Uri(_server!.Address, "live").ToString());
        await Assertions.Expect(page.Locator("[data-testid=no-orders]")).ToBeVisibleAsync();
        await WaitUntilConnectedAsync(page);
        await page.GetByLabel("Toggle dark theme").ClickAsync();
        var pause = page.Locator("[data-testid=pause-resume]");
        await pause.ClickAsync();
        await Assertions.Expect(pause).ToHaveTextAsync("Resume");
        await pause.ClickAsync();
        await Assertions.Expect(pause).ToHaveTextAsync("Pause");

        var orders = await _server.GenerateOrdersAsync(12, seed: 21);
        await _server.PublishAsync(orders.Take(7));
        await _server.PublishAsync([.. orders.Skip(7), "{ a broken event"]);

        await Assertions.Expect(page.Locator("tr[data-order]")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator("[data-testid=metric-orders]")).ToHaveTextAsync("12");
        await Assertions.Expect(page.Locator("[data-testid=metric-accepted]")).ToHaveTextAsync("12");
        await Assertions.Expect(page.Locator("[data-testid=top-states] [data-name]").First).ToBeVisibleAsync();
        // ApexCharts draws the bars in the browser; at least the current minute has one.
        await Assertions.Expect(page.Locator("[data-chart=orders-per-minute] svg .apexcharts-bar-area:not([val='0'])").First).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(700, 20);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("live.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task After_a_server_restart_the_live_page_comes_back_by_itself_and_shows_new_orders()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync("localStorage.setItem('olist-theme', 'dark')");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server!.Address, "live").ToString());
        await WaitUntilConnectedAsync(page);
        var rows = page.Locator("tr[data-order]");
        var orders = await _server.GenerateOrdersAsync(5, seed: 33);
        await _server.PublishAsync(orders.Take(2));
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await _server.RestartAsync();

        // The old circuit died with the server: the page must notice, load itself again (empty list) and subscribe anew.
        await Assertions.Expect(rows).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        await WaitUntilConnectedAsync(page);
        await _server.PublishAsync(orders.Skip(2));
        await Assertions.Expect(rows).ToHaveCountAsync(3, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
    }

    /// <summary>The saved dark theme is applied only by the live circuit, so a dark page is a connected one.</summary>
    private static async Task WaitUntilConnectedAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(13, 20, 30)'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
}
