using Olist.Pipeline.Streaming.Contract;

namespace Olist.Bench;

/// <summary>
/// Times the consumer's CPU work per message on one thread: decoding generated events and formatting their stored
/// values, the share of the pulling stage that does not wait on the bus or the warehouse.
/// </summary>
public sealed class DecodeBenchmark : IBenchmark
{
    private const int DefaultEvents = 100_000;
    private const int MeasuredRounds = 5;

    public string Name => "decode";

    public string Description => "decode [EVENTS]: median ms per 100k events to decode and format generated events, single-threaded, and bytes allocated per event";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var events = BenchArguments.Whole(args, 0, DefaultEvents);
        var generator = new LiveOrderGenerator(Catalog(), new LiveGeneratorOptions(Seed: 7, StatusChangeDelay: TimeSpan.Zero), TimeProvider.System);
        var bodies = Enumerable.Range(0, events).Select(_ => (ReadOnlyMemory<byte>)generator.Next().Body).ToList();
        Console.WriteLine($"{events:N0} events ({bodies.Sum(b => b.Length) / 1e6:F1} MB of JSON); {Environment.ProcessorCount} cores");

        var accepted = Round(bodies).Accepted;
        var milliseconds = new List<double>();
        var bytesPerEvent = new List<double>();
        for (var round = 1; round <= MeasuredRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (elapsed, allocated, _) = Round(bodies);
            milliseconds.Add(elapsed.TotalMilliseconds * 100_000 / events);
            bytesPerEvent.Add((double)allocated / events);
            Console.WriteLine($"round {round}: {milliseconds[^1]:F0} ms per 100k, {bytesPerEvent[^1]:F0} bytes per event");
        }

        Console.WriteLine($"median {milliseconds.Order().ElementAt(MeasuredRounds / 2):F0} ms per 100k events decoded and formatted, "
            + $"{bytesPerEvent.Order().ElementAt(MeasuredRounds / 2):F0} bytes allocated per event; {accepted:N0} of {events:N0} accepted");
        return Task.FromResult(accepted == events ? 0 : 1);
    }

    private static (TimeSpan Elapsed, long Allocated, int Accepted) Round(List<ReadOnlyMemory<byte>> bodies)
    {
        var accepted = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var index = 0; index < bodies.Count; index++)
        {
            if (OrderEventDecoder.Decode(bodies[index], "message").Event is { } orderEvent)
            {
                GC.KeepAlive(EventRows.Of(orderEvent, version: default));
                accepted++;
            }
        }

        stopwatch.Stop();
        return (stopwatch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, accepted);
    }

    /// <summary>A small catalog of 2,000 products from 300 sellers and 2,000 existing customers, with ids shaped like Olist's.</summary>
    private static LiveCatalog Catalog()
    {
        var products = Enumerable.Range(0, 2_000).Select(i =>
        {
            var minPrice = 5m + (i % 400);
            return new CatalogProduct(Id("p", i), minPrice, minPrice * 1.8m, [Id("s", i % 300), Id("s", (i * 7) % 300)]);
        }).ToList();
        var customers = Enumerable.Range(0, 2_000)
            .Select(i => new CatalogCustomer(Id("c", i), Id("u", i), (1000 + (i * 37 % 98_000)).ToString("D5", CultureInfo.InvariantCulture), "sao paulo", "SP"))
            .ToList();
        return new LiveCatalog(products, customers);
    }

    private static string Id(string kind, int index) => $"{kind}{index.ToString("x31", CultureInfo.InvariantCulture)}";
}
