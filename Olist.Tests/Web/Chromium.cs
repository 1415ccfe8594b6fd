using Microsoft.Playwright;

namespace Olist.Tests.Web;

/// <summary>Debian's Chromium for browser tests, never a browser downloaded by Playwright; flags keep it off the network and quiet.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        Assert.True(File.Exists(Path), $"{Path} is missing: install Debian's chromium (apt-get install chromium); Playwright's own browsers are not used.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Path, Headless = true, Args = Args });
    }

    /// <summary>Where screenshots go: <c>OLIST_SCREENSHOTS</c>, else <c>screenshots/</c> beside the tests.</summary>
    public static string ScreenshotPath(string fileName)
    {
        var directory = Environment.GetEnvironmentVariable("OLIST_SCREENSHOTS") ?? System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return System.IO.Path.Combine(directory, fileName);
    }
}
