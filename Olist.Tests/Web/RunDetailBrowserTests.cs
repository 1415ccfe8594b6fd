namespace Olist.Tests.Web;

/// <summary>An operator in a real Chromium: signs in, triggers a day from the schedule page and watches the run reach success.</summary>
public sealed class RunDetailBrowserTests(OperationsServer server, ITestOutputHelper output) : IClassFixture<OperationsServer>
{
    [Fact]
    public async Task An_operator_signs_in_triggers_a_day_and_watches_the_run_reach_success()
    {
        var day = (await server.DayWithOrdersAsync()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1100 } });
        var page = await context.NewPageAsync();
        var problems = Chromium.CollectProblems(page);
        try
        {
            await SignInTriggerAndWatchAsync(page, day, problems);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException or Xunit.Sdk.XunitException)
        {
            // A timeout alone says nothing about where the run or the page stood: record both before failing.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("run-detail-failure.png"), FullPage = true });
            using var client = server.Client();
            output.WriteLine($"page {page.Url}; runs: {await client.GetStringAsync(new Uri("api/runs", UriKind.Relative))}");
            output.WriteLine($"browser problems: {string.Join(" | ", problems)}");
            throw;
        }
    }

    private async Task SignInTriggerAndWatchAsync(IPage page, string day, List<string> problems)
    {
        await page.GotoAsync(new Uri(server.Address, "/ops/schedule").ToString());
        await Assertions.Expect(page.Locator("[data-testid=trigger]")).ToBeDisabledAsync();
        // Straight to the link's address (relative to the page's base, the root) with a full load: typing into a page that
        // enhanced navigation is still patching is lost.
        var signIn = await page.Locator("[data-testid=signin-link]").GetAttributeAsync("href");
        await page.GotoAsync(new Uri(server.Address, signIn).ToString());
        await page.Locator("#username").FillAsync("operator");
        await page.Locator("#password").FillAsync(OperationsServer.OperatorPassword);
        await page.Locator("[data-testid=signin]").ClickAsync();
        // Signing in hashes the password slowly on purpose; a busy machine needs more than the default 30 s.
        await page.WaitForURLAsync("**/ops/schedule", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-testid=operator-session]")).ToBeVisibleAsync();

        // Typing into the prerendered page before the live circuit has taken it over is lost.
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 60_000 });
        var date = page.Locator("[data-testid=trigger-card] input").First;
        await date.FillAsync(day);
        await date.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=trigger]")).ToBeEnabledAsync();
        await page.Locator("[data-testid=trigger]").ClickAsync();
        await page.WaitForURLAsync("**/ops/runs/*", new() { Timeout = 90_000 });

        // The page follows the run live: no reload between queued and success.
        await Assertions.Expect(page.Locator("[data-testid=run-state] [data-state]")).ToHaveAttributeAsync("data-state", "success", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("[data-testid=gantt] g[data-task]")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("[data-testid=gantt] g[data-state=success]")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator(".olist-page-header")).ToContainTextAsync($"daily_build for {day}");
        await page.Mouse.MoveAsync(700, 20);
        var screenshot = Chromium.ScreenshotPath("run-detail.png");
        // The viewport: header, timeline and tasks; the full page goes on through every test result.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        Assert.Empty(problems);
    }
}
