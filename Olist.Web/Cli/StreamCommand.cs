using Olist.Pipeline.Gcp.PubSub;

namespace Olist.Web.Cli;

/// <summary>The <c>stream</c> verb: generates live orders over the server's catalog and posts them to its ingestion endpoint.</summary>
internal static class StreamCommand
{
    private static readonly JsonSerializerOptions SummaryJson = new(EventEndpoints.Json) { WriteIndented = true };

    public static Command Create(CliHost cli)
    {
        var rate = TypedOptions.Number("--rate", "Messages per second (0 = as fast as the server takes them).", 10, r => r >= 0, "0 or more");
        var count = TypedOptions.WholeNumber("--count", "Messages to send in all (0 = until Ctrl+C).", 100L, n => n >= 0, "0 or more");
        var invalid = Percent("--invalid-pct", "Percentage of messages that break a contract rule on purpose.");
        var duplicate = Percent("--duplicate-pct", "Percentage of messages that resend an earlier event.");
        var url = TypedOptions.Url("--url", "The running app's address.", new Uri("http://127.0.0.1:5080"));
        var apiKey = new Option<string?>("--api-key") { Description = "The publisher key (default: Olist:Auth:PublisherApiKey or OLIST_PUBLISHER_KEY)." };
        var seed = TypedOptions.OptionalWholeNumber<int>("--seed", "Seed of the generator (default: a new one per run, so runs never repeat order ids).");
        var topic = new Option<string?>("--topic")
        {
            Description = "Publish straight to this Pub/Sub topic (projects/P/topics/T) instead of the app's endpoint; the catalog still comes from --url. PUBSUB_EMULATOR_HOST selects the emulator.",
        };
        var command = new Command("stream", "Publish live orders to a running app: new orders, then their status changes; prints a JSON summary.")
        {
            rate, count, invalid, duplicate, url, apiKey, seed, topic,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("stream", () => cli.RunAsync(async services =>
        {
            var timeProvider = cli.TimeProvider;
            var key = parseResult.GetValue(apiKey)
                ?? Environment.GetEnvironmentVariable("OLIST_PUBLISHER_KEY")
                ?? (services.GetRequiredService<IConfiguration>()["Olist:Auth:PublisherApiKey"] is { Length: > 0 } configured ? configured : null)
                ?? throw new InvalidRequestException("stream needs the publisher key: pass --api-key (the server printed it at its first start).");
            using var http = new HttpClient { BaseAddress = parseResult.GetRequiredValue(url), Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Add(EventEndpoints.ApiKeyHeader, key);
            var catalog = await ReadCatalogAsync(http, cancellationToken);
            var generator = new LiveOrderGenerator(
                catalog,
                new LiveGeneratorOptions(
                    parseResult.GetValue(seed) ?? Random.Shared.Next(),
                    parseResult.GetValue(invalid) / 100,
                    parseResult.GetValue(duplicate) / 100),
                timeProvider);
            var plan = new LivePublishPlan(parseResult.GetValue(rate), parseResult.GetValue(count));
            LivePublishSummary summary;
            if (parseResult.GetValue(topic) is { } topicName)
            {
                await using var bus = await OpenTopicAsync(services, topicName, cancellationToken);
                summary = await new LiveOrderPublisher(generator, new BusEventSink(bus), timeProvider).RunAsync(plan, cancellationToken);
            }
            else
            {
                summary = await new LiveOrderPublisher(generator, new HttpEventSink(http), timeProvider).RunAsync(plan, cancellationToken);
            }

            Console.WriteLine(JsonSerializer.Serialize(summary, SummaryJson));
            return 0;
        })));
        return command;
    }

    /// <summary>The topic alone: nothing is created (a missing topic is an error that names it), no subscription is read.</summary>
    private static Task<PubSubMessageBus> OpenTopicAsync(IServiceProvider services, string topic, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<BusOptions>>().Value;
        options.ProjectId = PubSubNames.ProjectOf(topic);
        options.Topic = topic;
        options.DeadLetterTopic = null;
        options.CreateResources = false;
        return PubSubCommand.Provider(services, options).CreateAsync(cancellationToken);
    }

    private static Option<double> Percent(string name, string description) =>
        TypedOptions.Number(name, description, 0, p => p is >= 0 and <= 100, "from 0 to 100");

    private static async Task<LiveCatalog> ReadCatalogAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await HttpEventSink.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Get, "/api/events/catalog"), cancellationToken);
        return await response.Content.ReadFromJsonAsync<LiveCatalog>(EventEndpoints.Json, cancellationToken)
            ?? throw new PipelineException("The server sent an empty catalog.");
    }
}
