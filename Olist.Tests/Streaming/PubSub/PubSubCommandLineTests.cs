namespace Olist.Tests.Streaming.PubSub;

/// <summary>The verbs on Pub/Sub, as separate processes against Google's emulator: <c>pubsub setup</c> and <c>stream --topic</c>.</summary>
[Collection(SharedPubSubEmulator.Name)]
public sealed class PubSubCommandLineTests(PubSubEmulator emulator)
{
    [EmulatorFact]
    public async Task Setup_creates_the_topics_and_subscription_once_and_stream_publishes_straight_to_the_topic()
    {
        using var data = new TemporaryDataDirectory();
        var options = PubSubEmulator.Options("cli", PubSubEmulator.UniqueId("cli-dlq"));
        var environment = new Dictionary<string, string>
        {
            [BusOptions.EmulatorHostVariable] = emulator.Host,
            ["Olist__Bus__ProjectId"] = options.ProjectId!,
            ["Olist__Bus__Topic"] = options.Topic,
            ["Olist__Bus__Subscription"] = options.Subscription,
            ["Olist__Bus__DeadLetterTopic"] = options.DeadLetterTopic!,
        };

        var first = await CliProcess.RunAsync(data.Paths.Root, environment, "pubsub", "setup");
        var second = await CliProcess.RunAsync(data.Paths.Root, environment, "pubsub", "setup");
        await using var server = await LiveServer.StartAsync(data);
        var topic = $"projects/{options.ProjectId}/topics/{options.Topic}";
        var streamed = await CliProcess.RunAsync(
            data.Paths.Root, environment, "stream", "--count", "50", "--rate", "0", "--url", server.Address.ToString(), "--api-key", LiveServer.Key, "--topic", topic);
        var missing = await CliProcess.RunAsync(data.Paths.Root, environment, "stream", "--count", "1", "--url", server.Address.ToString(), "--api-key", LiveServer.Key, "--topic", topic + "-missing");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("(emulator)", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(3, first.StandardOutput.Split('\n').Count(l => l.EndsWith(": created", StringComparison.Ordinal)));
        Assert.Equal(3, second.StandardOutput.Split('\n').Count(l => l.EndsWith(": exists", StringComparison.Ordinal)));
        Assert.True(streamed.ExitCode == 0, streamed.StandardError);
        await using var bus = await emulator.BusAsync(options);
        var pulled = new List<BusMessage>();
        while (pulled.Count < 50)
        {
            var more = await bus.PullAsync(100, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), CancellationToken.None);
            Assert.NotEmpty(more);
            pulled.AddRange(more);
        }

        Assert.Equal(50, pulled.Count);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("NOT_FOUND", missing.StandardError, StringComparison.Ordinal);
    }
}
