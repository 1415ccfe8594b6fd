using System.Collections.Concurrent;

namespace Olist.Bench;

/// <summary>
/// Uncached KPI load on the app's own executable in a child process: concurrent clients send <c>GET /api/kpis/*</c>, each
/// request a KPI and option with a date range no earlier request had (so none is answered from the result cache);
/// prints p50/p95/p99 overall and per KPI, the server's CPU time per request and its resident memory before, during and
/// after the load.
/// </summary>
public sealed class KpiUncachedBenchmark : IBenchmark
{
    private const int DefaultClients = 16;
    private const int DefaultRequests = 1600;
    private const int WarmUpRequests = 300;
    private static readonly DateOnly WarmUpFrom = new(2016, 10, 1);
    private const int WarmUpDays = 1;
    private static readonly DateOnly FirstFrom = new(2017, 1, 1);
    private const int LoadStepDays = 3;
    private static readonly int[] RangeDays = [7, 31, 92, 365];
    private static readonly TimeSpan RssSampling = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public string Name => "kpi-uncached";

    public string Description => "kpi-uncached DIR [CLIENTS] [REQUESTS] [--Olist:...=V]: uncached GET /api/kpis/* with date ranges at CLIENTS (16) concurrent clients: p50/p95/p99, server CPU and RSS (target p95 <= 100 ms at scale 1)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 1 || !File.Exists(new DataPaths(args[0]).Warehouse))
        {
            return BenchArguments.Usage("kpi-uncached DIR [CLIENTS] [REQUESTS] [--Olist:...=V]   (DIR: a data directory with a built warehouse.duckdb)");
        }

        var clients = BenchArguments.Whole(args, 1, DefaultClients);
        var requests = BenchArguments.Whole(args, 2, DefaultRequests);
        var shapes = KpiCatalog.Load(TransformOptions.DefaultProjectDirectory).All.SelectMany(k => KpiApiBenchmark.Options(k).Select(o => (Kpi: k.Name, Options: o))).ToList();
        using var scratch = new ScratchDirectory("kpi-uncached");
        var paths = new DataPaths(scratch.Path);
        File.Copy(new DataPaths(args[0]).Warehouse, paths.Warehouse);
        await using var server = ServerProcess.Start([$"--Olist:DataDirectory={paths.Root}", "--Olist:Schedule:Paused=true", .. args.Skip(3)]);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        await server.WaitUntilReadyAsync(client, cancellationToken);
        Console.WriteLine($"{Environment.ProcessorCount} cores; load average {LoadAverage()}; {clients} clients, {requests} requests over {shapes.Count} KPI options, ranges of {string.Join('/', RangeDays)} days; server switches: {string.Join(' ', args.Skip(3))}");

        // Untimed requests first, on ranges the load never asks for (from dates in 2016), at the same concurrency: a
        // server that has run for a while has its code compiled and tiered up; only the result cache must be cold.
        await LoadAsync(client, clients, WarmUpRequests, i => Url(shapes, i, WarmUpFrom, WarmUpDays), (_, _) => { }, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        Console.WriteLine($"server RSS before the load: {server.ResidentMegabytes():F0} MiB");

        var times = new ConcurrentBag<(string Kpi, double Milliseconds)>();
        var peak = 0.0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(
            async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, server.ResidentMegabytes());
                    await Task.Delay(RssSampling, CancellationToken.None);
                }
            },
            CancellationToken.None);
        var cpu = server.ProcessorTime();
        var wall = Stopwatch.StartNew();
        await LoadAsync(client, clients, requests, i => Url(shapes, i, FirstFrom, LoadStepDays), (i, ms) => times.Add((shapes[i % shapes.Count].Kpi, ms)), cancellationToken);
        wall.Stop();
        var used = server.ProcessorTime() - cpu;
        await sampling.CancelAsync();
        await sampler;

        Console.WriteLine($"{requests} requests in {wall.Elapsed.TotalSeconds:F1} s ({requests / wall.Elapsed.TotalSeconds:F0}/s); server CPU {used.TotalSeconds:F1} s = {used.TotalMilliseconds / requests:F1} ms per request");
        Console.WriteLine("per KPI:");
        foreach (var kpi in times.GroupBy(t => t.Kpi).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {kpi.Key,-20} {Latency.Summary([.. kpi.Select(t => t.Milliseconds)])}  max {kpi.Max(t => t.Milliseconds),7:F1} ms");
        }

        var all = times.Select(t => t.Milliseconds).ToList();
        var p95 = Latency.Percentile(all, 0.95);
        Console.WriteLine($"all:    {Latency.Summary(all)}  max {all.Max(),7:F1} ms (target p95 <= 100 ms)");
        Console.WriteLine($"server RSS: peak during the load {Math.Max(peak, server.ResidentMegabytes()):F0} MiB (high-water mark {server.PeakResidentMegabytes():F0} MiB)");
        await Task.Delay(Settle, cancellationToken);
        Console.WriteLine($"server RSS {Settle.TotalSeconds:F0} s after the load: {server.ResidentMegabytes():F0} MiB; load average {LoadAverage()}");
        return p95 <= 100 ? 0 : 1;
    }

    /// <summary>Sends requests 0 to <paramref name="count"/> - 1 from <paramref name="clients"/> concurrent clients, each taking the next number when it is free.</summary>
    private static Task LoadAsync(HttpClient client, int clients, int count, Func<int, string> url, Action<int, double> timed, CancellationToken cancellationToken)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    var clock = Stopwatch.StartNew();
                    await KpiApiBenchmark.GetAsync(client, url(i), cancellationToken);
                    timed(i, clock.Elapsed.TotalMilliseconds);
                }
            },
            cancellationToken)));
    }

    /// <summary>
    /// Request <paramref name="i"/>: the KPI options in turn; every round over them moves the range's start on by
    /// <paramref name="step"/> days and cycles its length, so no two requests have the same range and options.
    /// </summary>
    private static string Url(List<(string Kpi, string Options)> shapes, int i, DateOnly first, int step)
    {
        var (kpi, options) = shapes[i % shapes.Count];
        var round = i / shapes.Count;
        var from = first.AddDays(round * step);
        var to = from.AddDays(RangeDays[round % RangeDays.Length] - 1);
        return FormattableString.Invariant($"/api/kpis/{kpi}?{(options.Length == 0 ? string.Empty : options + "&")}from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
    }

    /// <summary>The 1, 5 and 15 minute load averages of the machine.</summary>
    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
