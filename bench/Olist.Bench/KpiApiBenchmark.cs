namespace Olist.Bench;

/// <summary>
/// Latency of <c>GET /api/kpis/{name}</c> on a started app over a built warehouse, warm: every KPI with each of its
/// options, whole history and a one-year range (the model rendered and run as a query), many times each; p50/p95/p99
/// of the warm requests, and the first request of each, which nothing cached yet.
/// </summary>
public sealed class KpiApiBenchmark : IBenchmark
{
    private const int DefaultRequests = 40;
    private const int WarmUpRequests = 3;
    private const string Range = "from=2017-06-01&to=2018-05-31";

    public string Name => "kpi-api";

    public string Description => "kpi-api DIR [REQUESTS]: GET /api/kpis/* latency per KPI and option (p50/p95/p99); DIR holds the CSV files or a built warehouse.duckdb";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            return BenchArguments.Usage("kpi-api DIR [REQUESTS]   (DIR holds the Olist CSV files, or a data directory with a built warehouse.duckdb)");
        }

        var requests = BenchArguments.Whole(args, 1, DefaultRequests);
        using var scratch = new ScratchDirectory("kpi-api");
        var paths = new DataPaths(scratch.Path);
        await BenchWarehouse.PrepareAsync(Path.GetFullPath(args[0]), paths, cancellationToken);
        await using var app = OlistWebApp.Build(["--urls", "http://127.0.0.1:0", $"--Olist:DataDirectory={paths.Root}"]);
        await app.StartAsync(cancellationToken);
        using var client = new HttpClient { BaseAddress = app.ListeningAddress() };
        await WaitUntilReadyAsync(client, cancellationToken);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {requests} requests per case after {WarmUpRequests} to warm up; range {Range}");

        var byKpi = new List<(string Kpi, List<double> Times)>();
        foreach (var kpi in app.Services.GetRequiredService<KpiCatalog>().All)
        {
            var times = new List<double>();
            foreach (var query in Queries(kpi))
            {
                var url = $"/api/kpis/{kpi.Name}{(query.Length == 0 ? string.Empty : "?" + query)}";
                var (first, caseTimes) = await TimeAsync(client, url, requests, cancellationToken);
                Console.WriteLine($"  {url,-72} first {first,7:F1} ms  {Latency.Summary(caseTimes)}");
                times.AddRange(caseTimes);
            }

            byKpi.Add((kpi.Name, times));
        }

        Console.WriteLine("per KPI (every option, with and without the range):");
        foreach (var (kpi, times) in byKpi)
        {
            Console.WriteLine($"  {kpi,-20} {Latency.Summary(times)}");
        }

        var worst = byKpi.Max(k => Latency.Percentile(k.Times, 0.95));
        Console.WriteLine($"worst p95: {worst:F1} ms (target <= 100 ms)");
        await app.StopAsync(cancellationToken);
        return 0;
    }

    /// <summary>Every option combination of the KPI as a query string (empty for a KPI without options).</summary>
    internal static IReadOnlyList<string> Options(KpiDefinition kpi)
    {
        IEnumerable<string> grains = kpi.Grains.Count > 0 ? kpi.Grains.Select(g => $"grain={KpiRequest.Label(g)}") : [string.Empty];
        IEnumerable<string> levels = kpi.HasLevel ? Enum.GetValues<LocationLevel>().Select(l => $"level={KpiRequest.Label(l)}") : [string.Empty];
        return [.. grains.SelectMany(g => levels.Select(l => string.Join('&', new[] { g, l }.Where(o => o.Length > 0))))];
    }

    /// <summary>Every option combination of the KPI, each without and with the date range.</summary>
    private static IEnumerable<string> Queries(KpiDefinition kpi)
    {
        var options = Options(kpi);
        return options.Concat(options.Select(o => o.Length == 0 ? Range : $"{o}&{Range}"));
    }

    /// <summary>The first request's time (nothing cached yet for it), then the times of the requests after the warm-up.</summary>
    private static async Task<(double First, List<double> Warm)> TimeAsync(HttpClient client, string url, int requests, CancellationToken cancellationToken)
    {
        var firstClock = Stopwatch.StartNew();
        await GetAsync(client, url, cancellationToken);
        var first = firstClock.Elapsed.TotalMilliseconds;
        for (var i = 1; i < WarmUpRequests; i++)
        {
            await GetAsync(client, url, cancellationToken);
        }

        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(client, url, cancellationToken);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (first, times);
    }

    /// <summary>One request, body read to the end; anything but 200 stops the benchmark.</summary>
    internal static async Task GetAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {body}");
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await client.GetAsync("/readyz", cancellationToken)).IsSuccessStatusCode)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException("The app did not become ready within 2 minutes.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
