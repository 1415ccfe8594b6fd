namespace Olist.Tests.Web;

/// <summary>The overview in a real Chromium against the real app: styled, interactive, the nine tables loaded, no errors.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class OverviewBrowserTests : IAsyncLifetime
{
    private readonly ReadyServer _server = new();

    public Task InitializeAsync() => _server.StartAsync([]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Overview_shows_the_nine_loaded_tables_styled_and_interactive_without_errors()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 1300 },
        });
        // The saved theme is applied only by the live circuit, so seeing it dark proves the page became interactive.
        await context.AddInitScriptAsync("localStorage.setItem('olist-theme', 'dark')");
        var page = await context.NewPageAsync();
        var problems = Chromium.CollectProblems(page);

        await page.GotoAsync(_server.Address.ToString());

        var rows = page.Locator("tr[data-table]");
        await Assertions.Expect(rows).ToHaveCountAsync(OlistCatalog.Tables.Count);
        Assert.Equal(OlistCatalog.Tables.Select(t => t.Name), await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.table)"));
        foreach (var loaded in await page.Locator("tr[data-table] [data-testid=rows-loaded]").AllTextContentsAsync())
        {
            Assert.NotEqual("0", loaded.Trim());
        }

        await Assertions.Expect(page.Locator(".olist-data-status[data-status=ready]")).ToBeVisibleAsync();
        await WaitForBodyBackgroundAsync(page, "rgb(13, 20, 30)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("overview-dark.png"), FullPage = true });

        await page.GetByLabel("Toggle dark theme").ClickAsync();
        await WaitForBodyBackgroundAsync(page, "rgb(244, 246, 249)");
        // Onto the empty app bar, so no tooltip or row highlight shows in the screenshot.
        await page.Mouse.MoveAsync(700, 20);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("overview.png"), FullPage = true });

        Assert.Empty(problems);
    }

    private static async Task WaitForBodyBackgroundAsync(IPage page, string rgb) =>
        // The body's colour comes from MudBlazor's stylesheet and the theme, so this also proves the CSS was served.
        await page.WaitForFunctionAsync($"() => getComputedStyle(document.body).backgroundColor === '{rgb}'");
}
