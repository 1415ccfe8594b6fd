using Microsoft.Playwright;
using Olist.Web.Components.Charts;

namespace Olist.Bench;

/// <summary>
/// Starts the app on a prepared data directory (scale 1 for the target) and drives Debian's Chromium through the overview
/// and the nine KPI pages, timing navigation to "all charts drawn" for each page (median of several visits).
/// </summary>
public sealed class KpiPagesBenchmark : IBenchmark
{
    private const int DefaultVisits = 5;
    private static readonly TimeSpan FirstVisitAfterReady = TimeSpan.FromSeconds(10);
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];

    public string Name => "kpi-pages";

    public string Description => "kpi-pages DIR [VISITS] [SCREENSHOTS] [ROUTE]: navigation to charts drawn per page, in Chromium, on the app over data directory DIR (target < 1 s at scale 1)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 1 || !File.Exists(Path.Combine(args[0], "warehouse.duckdb")))
        {
            return BenchArguments.Usage("kpi-pages DIR [VISITS] [SCREENSHOTS] [ROUTE]   (ROUTE: only pages whose address contains it; DIR is a data directory the app has prepared: serve once with Olist__DataDirectory=DIR)");
        }

        var visits = BenchArguments.Whole(args, 1, DefaultVisits);
        var screenshots = args.Length > 2 ? Directory.CreateDirectory(args[2]).FullName : null;
        await using var app = OlistWebApp.Build(["--urls", "http://127.0.0.1:0", $"--Olist:DataDirectory={Path.GetFullPath(args[0])}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync(cancellationToken);
        var address = app.ListeningAddress();
        await WaitUntilReadyAsync(address, cancellationToken);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var routes = app.Services.GetRequiredService<KpiCatalog>().Names.Select(n => "kpi/" + n).Prepend(string.Empty).Where(r => args.Length < 4 || r.Contains(args[3], StringComparison.Ordinal)).ToList();
        Console.WriteLine($"{routes.Count} pages x {visits} visits at 1280 px on {address}; {Environment.ProcessorCount} cores; data {args[0]}");

        // The first visit after a start, a few seconds after ready as a user would come: every headline tile, the
        // delivery days included, complete (the app warms them in the background once the data is ready).
        await Task.Delay(FirstVisitAfterReady, cancellationToken);
        var first = Stopwatch.StartNew();
        await page.GotoAsync(address.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("[data-testid=headlines][aria-busy=false]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Console.WriteLine($"  overview, first visit {FirstVisitAfterReady.TotalSeconds:F0} s after ready: every headline in {first.Elapsed.TotalMilliseconds:F0} ms");

        // One untimed round warms the server (JIT, first queries) and the browser cache, as any user after the first sees it.
        foreach (var route in routes)
        {
            await VisitAsync(page, new Uri(address, route));
        }

        var slowest = TimeSpan.Zero;
        foreach (var route in routes)
        {
            var times = new List<TimeSpan>();
            for (var visit = 0; visit < visits; visit++)
            {
                times.Add(await VisitAsync(page, new Uri(address, route)));
            }

            times.Sort();
            var median = times[times.Count / 2];
            slowest = median > slowest ? median : slowest;
            // The chart script records how long ApexCharts took to draw each chart of the last visit.
            var draws = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('[data-chart]')].map(c => c.dataset.chart + ' ' + c.dataset.chartMs + ' ms').join(', ')");
            Console.WriteLine($"  /{route,-24} median {median.TotalMilliseconds,6:F0} ms   max {times[^1].TotalMilliseconds,6:F0} ms   (drawing: {draws})");
            if (screenshots is not null)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"kpi-{(route.Length == 0 ? "overview" : route[4..])}.png"), FullPage = true });
            }
        }

        Console.WriteLine($"slowest page median: {slowest.TotalMilliseconds:F0} ms (target < 1000 ms)");
        await app.StopAsync(cancellationToken);
        return slowest < TimeSpan.FromSeconds(1) ? 0 : 1;
    }

    /// <summary>Navigates and waits until every chart is drawn; returns the time from the start of navigation.</summary>
    private static async Task<TimeSpan> VisitAsync(IPage page, Uri url)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync(ChartProbe.AllChartsDrawn, null, new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = 30_000 });
        return clock.Elapsed;
    }

    private static async Task WaitUntilReadyAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        while (!(await client.GetAsync(new Uri(address, "readyz"), cancellationToken)).IsSuccessStatusCode)
        {
            await Task.Delay(200, cancellationToken);
        }
    }
}
