using Olist.Pipeline.Gcp;
using Olist.Pipeline.Gcp.PubSub;

namespace Olist.Bench;

/// <summary>
/// Pub/Sub through Google's emulator (<c>PUBSUB_EMULATOR_HOST</c>): N generated events published in batches of 1,000
/// while the app's consumer writes them, timed from the first publish to the last commit; against, in the same run and on
/// the same emulator, a bare loop that only pulls and acknowledges while the same events are published.
/// </summary>
public sealed class PubSubStreamBenchmark : IBenchmark
{
    private const int DefaultEvents = 20_000;
    private const int PublishBatch = 1_000;
    private const string Project = "olist-bench";

    public string Name => "pubsub-stream";

    public string Description => "pubsub-stream [EVENTS]: events/s publish -> committed through the Pub/Sub emulator vs a bare pull-and-ack loop (needs PUBSUB_EMULATOR_HOST; goal >= 0.8x)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var host = Environment.GetEnvironmentVariable(BusOptions.EmulatorHostVariable);
        if (string.IsNullOrWhiteSpace(host))
        {
            await Console.Error.WriteLineAsync($"{BusOptions.EmulatorHostVariable} is not set: start the emulator (cloud-pubsub-emulator --host=127.0.0.1 --port=8085) and set it to 127.0.0.1:8085.");
            return 2;
        }

        var events = BenchArguments.Whole(args, 0, DefaultEvents);
        using var root = new ScratchDirectory("pubsub");
        var rounds = await StreamRounds.CreateAsync(root, events, cancellationToken);
        Console.WriteLine($"{events:N0} events ({rounds.Megabytes:F1} MB of JSON) through the emulator at {host}; {Environment.ProcessorCount} cores");

        var allHandled = true;
        var median = await rounds.RunAsync(async (round, _, warehouse) =>
        {
            var bare = await BareLoopAsync(host, rounds.Bodies, cancellationToken);
            var (stream, counters) = await ConsumerAsync(host, warehouse, rounds.Bodies, cancellationToken);
            var ratio = bare / stream;
            Console.WriteLine($"{round}: consumer {stream.TotalSeconds:F2} s = {events / stream.TotalSeconds:N0} events/s publish -> committed "
                + $"(accepted {counters.Accepted:N0}, duplicates {counters.Duplicates:N0}, dead-lettered {counters.DeadLettered:N0}); "
                + $"bare pull-and-ack {bare.TotalSeconds:F2} s = {events / bare.TotalSeconds:N0} events/s; ratio {ratio:F2}x");
            allHandled &= counters.Handled == events;
            return ratio;
        });

        Console.WriteLine($"median measured ratio {median:F2}x of the bare loop's events/s; goal >= 0.8x");
        return allHandled ? 0 : 1;
    }

    /// <summary>The baseline: one REST loop that pulls (100 per call on the emulator) and acknowledges, nothing else.</summary>
    private static async Task<TimeSpan> BareLoopAsync(string host, List<byte[]> bodies, CancellationToken cancellationToken)
    {
        var options = Options();
        var endpoint = GoogleEndpoint.Resolve(EmulatorDetection.EmulatorOnly, BusOptions.EmulatorHostVariable, host, options.Endpoint, "v1/");
        using var http = await GoogleHttp.CreateClientAsync(endpoint, PubSubMessageBus.Scope, TimeProvider.System, null, null, cancellationToken);
        var client = new PubSubClient(http);
        var topic = PubSubNames.Topic(Project, options.Topic);
        var subscription = PubSubNames.Subscription(Project, options.Subscription);
        await client.CreateTopicAsync(topic, cancellationToken);
        await client.CreateSubscriptionAsync(subscription, topic, TimeSpan.FromSeconds(60), cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        var publishing = PublishAsync(bodies, batch => client.PublishAsync(topic, [.. batch.Select(b => new PubSubOutgoing(b, null))], cancellationToken));
        var acknowledged = 0;
        // A failed publish leaves fewer messages than the loop waits for: stop and report it instead of pulling forever.
        while (acknowledged < bodies.Count && !publishing.IsFaulted)
        {
            var received = await client.PullAsync(subscription, PubSubClient.MaxMessagesPerPull, returnImmediately: false, cancellationToken);
            await client.AcknowledgeAsync(subscription, [.. received.Select(r => r.AckId)], cancellationToken);
            acknowledged += received.Count;
        }

        var elapsed = stopwatch.Elapsed;
        await publishing;
        return elapsed;
    }

    /// <summary>The app's consumer on the Pub/Sub bus, writing to a warehouse, until every event is committed.</summary>
    private static async Task<(TimeSpan Elapsed, StreamCounters Counters)> ConsumerAsync(
        string host, DuckDbWarehouse warehouse, List<byte[]> bodies, CancellationToken cancellationToken)
    {
        var options = Options();
        options.EmulatorHost = host;
        var streamOptions = new StreamConsumerOptions();
        await using var bus = await PubSubMessageBus.CreateAsync(
            options, host, streamOptions.AckDeadline, TimeProvider.System, NullLogger<PubSubMessageBus>.Instance, cancellationToken);
        await bus.SetupAsync(cancellationToken);
        var consumer = new OrderStreamConsumer(bus, warehouse, streamOptions, [], TimeProvider.System, NullLogger<OrderStreamConsumer>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consuming = consumer.RunAsync(stop.Token);
        while (consumer.Status.Phase != ConsumerPhase.Running)
        {
            await Task.Delay(10, cancellationToken);
        }

        var stopwatch = Stopwatch.StartNew();
        var publishing = PublishAsync(bodies, batch => bus.PublishAsync([.. batch.Select(b => new OutgoingMessage(b))], cancellationToken));
        while (consumer.Counters.Handled < bodies.Count && !consuming.IsCompleted && !publishing.IsFaulted)
        {
            await Task.Delay(5, cancellationToken);
        }

        var elapsed = stopwatch.Elapsed;
        await publishing;
        await stop.CancelAsync();
        await consuming;
        return (elapsed, consumer.Counters);
    }

    private static Task PublishAsync(List<byte[]> bodies, Func<byte[][], Task> publish) =>
        Task.Run(async () =>
        {
            foreach (var chunk in bodies.Chunk(PublishBatch))
            {
                await publish(chunk);
            }
        });

    private static BusOptions Options() => new()
    {
        Provider = BusOptions.PubSub,
        ProjectId = Project,
        Topic = $"bench-{Guid.NewGuid():N}",
        Subscription = $"bench-{Guid.NewGuid():N}",
        EmulatorDetection = EmulatorDetection.EmulatorOnly,
    };
}
