using Olist.Tests.Streaming.PubSub;

namespace Olist.Tests.Streaming;

/// <summary>
/// A real server process killed with SIGKILL while consuming, then restarted: every published message is accounted for
/// exactly once, on the embedded bus and on Pub/Sub (Google's emulator).
/// </summary>
[Collection(SharedPubSubEmulator.Name)]
public sealed class KilledServerTests(PubSubEmulator emulator, ITestOutputHelper output) : IDisposable
{
    private const string Key = "kill-test-key";
    private const int Messages = 3_000;
    private static readonly TimeSpan SummaryTimeout = TimeSpan.FromSeconds(90);
    private readonly TemporaryDataDirectory _data = new();
    private readonly HttpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        _data.Dispose();
    }

    [Fact]
    public Task Killed_mid_stream_and_restarted_every_message_counts_once_and_nothing_is_written_twice() => KillAndRestartAsync();

    [EmulatorFact]
    public Task On_PubSub_killed_mid_backlog_and_restarted_every_message_counts_once_and_nothing_is_written_twice()
    {
        var bus = PubSubEmulator.Options("killed");
        return KillAndRestartAsync(
            "--Olist:Bus:Provider=PubSub",
            $"--Olist:Bus:ProjectId={bus.ProjectId}",
            $"--Olist:Bus:Topic={bus.Topic}",
            $"--Olist:Bus:Subscription={bus.Subscription}",
            "--Olist:Bus:EmulatorDetection=EmulatorOnly",
            $"--Olist:Bus:EmulatorHost={emulator.Host}");
    }

    private async Task KillAndRestartAsync(params string[] busArguments)
    {
        string[] arguments =
        [
            $"--Olist:FirstRun:Scale={TemporaryDataDirectory.TinyScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            $"--Olist:Auth:PublisherApiKey={Key}",
            "--Olist:Stream:BatchSize=100",
            "--Olist:Stream:AckDeadline=00:00:02",
            // A status change whose order has not come yet waits for it (retried, never dead-lettered) until after the restart.
            "--Olist:Stream:UnknownOrderRetryWindow=01:00:00",
            "--Olist:Stream:RetryBackoffMax=00:00:01",
            .. busArguments,
        ];
        var published = new HashSet<string>(StringComparer.Ordinal);
        long handledAtKill;
        List<GeneratedMessage> heldBack;
        using (var first = ServerProcess.Start(_data.Paths.Root, arguments))
        {
            await first.WaitUntilListeningAsync(_client);
            await ReadyProbe.WaitUntilReadyAsync(_client, first.Address);
            var api = new LiveApi(_client, first.Address, Key);
            var generator = new LiveOrderGenerator(
                await api.ReadCatalogAsync(),
                new LiveGeneratorOptions(Seed: 11, InvalidShare: 0.05, DuplicateShare: 0.05, StatusChangeDelay: TimeSpan.Zero),
                TimeProvider.System);
            var messages = Enumerable.Range(0, Messages).Select(_ => generator.Next()).ToList();
            // The creation of one order whose status change goes out now is held back until after the restart, so the
            // first server cannot finish the stream however fast it consumes: the kill always comes mid-stream.
            var waiting = messages.Where(m => m.Kind == GeneratedMessage.StatusChanged).Select(OrderIdOf).First();
            bool Held(GeneratedMessage message) => EventTypeOf(message) == GeneratedMessage.Created && OrderIdOf(message) == waiting;
            heldBack = [.. messages.Where(Held)];
            foreach (var chunk in messages.Where(m => !Held(m)).Chunk(500))
            {
                published.UnionWith(await api.PublishAsync(chunk.Select(Text)));
            }

            var summary = await api.WaitForSummaryAsync(s => Handled(s) > 0, SummaryTimeout);
            handledAtKill = Handled(summary);
            first.Kill();
        }

        Assert.True(handledAtKill < published.Count, $"the kill should come while consuming, but {handledAtKill} of {published.Count} were already handled");
        using (var second = ServerProcess.Start(_data.Paths.Root, arguments))
        {
            await second.WaitUntilListeningAsync(_client);
            await ReadyProbe.WaitUntilReadyAsync(_client, second.Address);
            var api = new LiveApi(_client, second.Address, Key);
            published.UnionWith(await api.PublishAsync(heldBack.Select(Text)));

            // Pub/Sub does not count its backlog (null): there every message handled is the end.
            var final = await api.WaitForSummaryAsync(
                s => Handled(s) >= Messages && s.GetProperty("backlog") is var backlog && (backlog.ValueKind == JsonValueKind.Null || backlog.GetInt64() == 0),
                SummaryTimeout);

            output.WriteLine($"killed after {handledAtKill} of {Messages} messages; after the restart: {final}");
            Assert.Equal(Messages, published.Count);
            Assert.Equal(Messages, Handled(final));
            Assert.True(final.GetProperty("duplicates").GetInt64() > 0 && final.GetProperty("dead_lettered").GetInt64() > 0, final.ToString());
            second.Kill();
        }

        var warehouse = new DuckDbWarehouse(_data.Paths.Warehouse);
        Assert.Equal(0, await warehouse.CountAsync("SELECT count(*) FROM (SELECT order_id FROM raw.stream_orders WHERE event_type = 'order_created' GROUP BY order_id HAVING count(*) > 1)"));
        Assert.Equal(0, await warehouse.CountAsync("SELECT count(*) FROM (SELECT event_id FROM raw.stream_orders GROUP BY event_id HAVING count(*) > 1)"));
        Assert.Equal(0, await warehouse.CountAsync("SELECT count(*) FROM (SELECT order_id, order_item_id FROM raw.stream_order_items GROUP BY ALL HAVING count(*) > 1)"));
        await StreamAssert.EachMessageOnceAsync(warehouse, Messages);
    }

    private static long Handled(JsonElement summary) =>
        summary.GetProperty("accepted").GetInt64() + summary.GetProperty("duplicates").GetInt64() + summary.GetProperty("dead_lettered").GetInt64();

    /// <summary>The order a generated message is about; null for a message too broken to name one.</summary>
    private static string? OrderIdOf(GeneratedMessage message) =>
        Field(message, root => root.GetProperty("data").GetProperty("orders").GetProperty("order_id").GetString());

    private static string? EventTypeOf(GeneratedMessage message) => Field(message, root => root.GetProperty("event_type").GetString());

    private static string? Field(GeneratedMessage message, Func<JsonElement, string?> read)
    {
        try
        {
            using var body = JsonDocument.Parse(message.Body);
            return read(body.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Text(GeneratedMessage message) => Encoding.UTF8.GetString(message.Body);
}
