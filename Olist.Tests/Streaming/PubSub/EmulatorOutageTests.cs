namespace Olist.Tests.Streaming.PubSub;

/// <summary>
/// The real app publishing through Pub/Sub while Google's emulator is stopped and started again: publishers get 503 with
/// Retry-After and are told nothing was stored, <c>/readyz</c> fails while the bus is unreachable, and afterwards the app
/// creates the topic and subscription again and every event acknowledged to a publisher is in the warehouse once.
/// </summary>
public sealed class EmulatorOutageTests(ITestOutputHelper output)
{
    private const int Round = 200;

    [EmulatorFact]
    public async Task An_emulator_stopped_and_restarted_while_publishing_loses_nothing_acknowledged_to_the_publisher()
    {
        var emulator = PubSubEmulator.Own();
        await emulator.InitializeAsync();
        try
        {
            using var data = new TemporaryDataDirectory();
            var bus = PubSubEmulator.Options("outage");
            await using var server = await LiveServer.StartAsync(
                data,
                "--Olist:Bus:Provider=PubSub",
                $"--Olist:Bus:ProjectId={bus.ProjectId}",
                $"--Olist:Bus:Topic={bus.Topic}",
                $"--Olist:Bus:Subscription={bus.Subscription}",
                "--Olist:Bus:EmulatorDetection=EmulatorOnly",
                $"--Olist:Bus:EmulatorHost={emulator.Host}",
                "--Olist:Stream:RetryBackoffMax=00:00:01");
            var events = await server.GenerateOrdersAsync(6 * Round, seed: 5);
            var acknowledged = 0;

            // The emulator keeps messages in memory only, so each round is consumed before the next: what a restart
            // of the emulator itself forgets is not the app's to lose (production Pub/Sub stores them durably).
            for (var round = 0; round < 3; round++)
            {
                acknowledged += (await server.PublishAsync(events.Skip(round * Round).Take(Round))).Count;
                await server.WaitForSummaryAsync(s => Handled(s) == acknowledged);
            }

            await emulator.StopAsync();
            var refused = await server.PostAsync(string.Join("\n", events.Skip(3 * Round).Take(Round)), "application/x-ndjson", LiveServer.Key);
            var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>();
            using var notReady = await server.Client.GetAsync(new Uri(server.Address, "readyz"));
            var readiness = await notReady.Content.ReadFromJsonAsync<JsonElement>();
            var duringOutage = await server.Client.GetFromJsonAsync<JsonElement>(new Uri(server.Address, "api/live/summary"));

            await emulator.StartAsync();
            for (var round = 3; round < 6; round++)
            {
                acknowledged += (await server.PublishAsync(events.Skip(round * Round).Take(Round))).Count;
            }

            var final = await server.WaitForSummaryAsync(s => Handled(s) == acknowledged);
            using var ready = await server.Client.GetAsync(new Uri(server.Address, "readyz"));
            output.WriteLine($"refused: {refusal}; readyz: {readiness}; after: {final.GetProperty("bus")}");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(EventEndpoints.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            Assert.Empty(refusal.GetProperty("stored_message_ids").EnumerateArray());
            Assert.Equal(Round, refusal.GetProperty("not_stored").GetInt32());
            Assert.Contains("UNAVAILABLE", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("bus_unreachable", readiness.GetProperty("status").GetString());
            Assert.True(duringOutage.GetProperty("bus").GetProperty("errors").GetInt64() > 0, duringOutage.ToString());
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(6 * Round, acknowledged);
            Assert.Equal(acknowledged, final.GetProperty("accepted").GetInt64());

            await server.DisposeAsync();
            var warehouse = new DuckDbWarehouse(data.Paths.Warehouse);
            await StreamAssert.EachOrderOnceAsync(warehouse, acknowledged);
            // Only the row count: the restarted emulator hands out its message ids from the start again.
            Assert.Equal(acknowledged, await warehouse.CountAsync("SELECT count(*) FROM raw.stream_messages"));
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private static long Handled(JsonElement summary) =>
        summary.GetProperty("accepted").GetInt64() + summary.GetProperty("duplicates").GetInt64() + summary.GetProperty("dead_lettered").GetInt64();
}
