namespace Olist.Tests.Web;

/// <summary>Debian's chromium for the browser tests, never a browser downloaded by Playwright, and where their screenshots go.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Flags keep it off the network and quiet.
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Launches the headless browser; fails clearly when Debian's chromium is not installed.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium); Playwright's own browsers are not used.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
    }

    /// <summary>Collects console errors, page errors, failed requests and HTTP errors of <paramref name="page"/>.</summary>
    public static List<string> CollectProblems(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"failed request: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        return problems;
    }

    /// <summary>Where a screenshot named <paramref name="fileName"/> is saved: <c>OLIST_SCREENSHOTS</c>, else beside the tests.</summary>
    public static string ScreenshotPath(string fileName)
    {
        var directory = Environment.GetEnvironmentVariable("OLIST_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}
