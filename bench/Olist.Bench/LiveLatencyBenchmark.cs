using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Olist.Web.Api;
using Olist.Web.Hubs;

namespace Olist.Bench;

/// <summary>
/// The whole live path on a real server: a publisher POSTs NDJSON to <c>/api/events/orders</c> at a steady rate, a
/// SignalR client on the <see cref="LiveOrdersHub"/> notes when each order is pushed; prints the publish-to-push latency
/// percentiles (from just before the POST to the push's arrival).
/// </summary>
public sealed class LiveLatencyBenchmark : IBenchmark
{
    private const string Key = "bench-publisher-key";
    private const double DefaultRate = 1_000;
    private const double DefaultSeconds = 20;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public string Name => "live-latency";

    public string Description => "live-latency [EVENTS/S] [SECONDS] [--Olist:...=V]: p50/p95/p99 from POST /api/events/orders to the SignalR push (target p99 <= 250 ms at 1,000/s)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rate = BenchArguments.Real(args, 0, DefaultRate);
        var seconds = BenchArguments.Real(args, 1, DefaultSeconds);
        using var root = new ScratchDirectory("live");
        await using var app = OlistWebApp.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--Olist:DataDirectory={root.Path}", "--Olist:FirstRun:Scale=0.01",
            $"--Olist:Auth:PublisherApiKey={Key}", "--Logging:LogLevel:Default=Warning",
            .. args.Skip(2),
        ]);
        await app.StartAsync(cancellationToken);
        using var client = new HttpClient { BaseAddress = app.ListeningAddress() };
        client.DefaultRequestHeaders.Add(EventEndpoints.ApiKeyHeader, Key);
        await WaitUntilReadyAsync(client, cancellationToken);

        var events = await GenerateAsync(client, (int)(rate * seconds), cancellationToken);
        var pushed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var committed = new ConcurrentBag<double>();
        var batchSizes = new ConcurrentBag<int>();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(client.BaseAddress!, LiveOrdersHub.Path.TrimStart('/'))).Build();
        connection.On<StreamBatchReport>(nameof(ILiveOrdersClient.OrdersAccepted), batch =>
        {
            var now = Stopwatch.GetTimestamp();
            batchSizes.Add(batch.Orders.Count);
            foreach (var order in batch.Orders)
            {
                pushed.TryAdd(order.OrderId, now);
                committed.Add((batch.CommittedAt - order.PublishedAt).TotalMilliseconds);
            }
        });
        await connection.StartAsync(cancellationToken);
        Console.WriteLine($"{events.Count:N0} orders at {rate:N0}/s for {seconds:N0} s; {Environment.ProcessorCount} cores");

        var sent = await PublishAsync(client, events, rate, cancellationToken);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (pushed.Count < events.Count && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }

        await app.StopAsync(cancellationToken);
        var latencies = events
            .Where(e => pushed.ContainsKey(e.OrderId))
            .Select(e => Stopwatch.GetElapsedTime(sent[e.OrderId], pushed[e.OrderId]).TotalMilliseconds)
            .Order()
            .ToList();
        Console.WriteLine($"pushed:   {latencies.Count:N0} of {events.Count:N0} orders");
        if (latencies.Count == 0)
        {
            return 1;
        }

        Console.WriteLine($"latency:  p50 {Percentile(latencies, 0.50):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms, "
            + $"p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms (target p99 <= 250 ms)");
        var stored = committed.Order().ToList();
        Console.WriteLine($"of which: stored on the bus -> committed p50 {Percentile(stored, 0.50):F1} ms, p99 {Percentile(stored, 0.99):F1} ms; "
            + $"{batchSizes.Count:N0} batches, {batchSizes.Average():F0} orders on average, largest {batchSizes.Max():N0}");
        return latencies.Count == events.Count ? 0 : 1;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (body.Contains("\"failed\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The app could not prepare its data: {body}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>New orders only (status changes are planned an hour out), so each push is known by its order id.</summary>
    private static async Task<List<(string OrderId, byte[] Line)>> GenerateAsync(HttpClient client, int count, CancellationToken cancellationToken)
    {
        var catalog = await client.GetFromJsonAsync<LiveCatalog>(new Uri("api/events/catalog?size=2000", UriKind.Relative), EventEndpoints.Json, cancellationToken);
        var generator = new LiveOrderGenerator(catalog!, new LiveGeneratorOptions(Seed: 9, StatusChangeDelay: TimeSpan.FromHours(1)), TimeProvider.System);
        return [.. Enumerable.Range(0, count).Select(_ => generator.Next().Body).Select(b => (OrderId(b), b))];
    }

    /// <summary>Each tick POSTs the events now due as one NDJSON request; returns when each order's POST started.</summary>
    private static async Task<Dictionary<string, long>> PublishAsync(
        HttpClient client, List<(string OrderId, byte[] Line)> events, double rate, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, long>(events.Count, StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        using var timer = new PeriodicTimer(Tick);
        while (next < events.Count && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var due = Math.Min(events.Count, (int)(rate * Stopwatch.GetElapsedTime(started).TotalSeconds)) - next;
            if (due <= 0)
            {
                continue;
            }

            var chunk = events.GetRange(next, due);
            next += due;
            var at = Stopwatch.GetTimestamp();
            foreach (var (orderId, _) in chunk)
            {
                sent[orderId] = at;
            }

            using var content = new ByteArrayContent([.. chunk.SelectMany(e => e.Line.Append((byte)'\n'))]);
            content.Headers.ContentType = new("application/x-ndjson");
            using var response = await client.PostAsync(new Uri("api/events/orders", UriKind.Relative), content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"publish:  {events.Count:N0} events in {elapsed:F1} s = {events.Count / elapsed:N0}/s over HTTP");
        return sent;
    }

    private static string OrderId(byte[] body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("orders").GetProperty("order_id").GetString()!;

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
