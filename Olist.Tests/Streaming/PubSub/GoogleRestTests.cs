using Olist.Pipeline.Gcp;
using Olist.Pipeline.Gcp.PubSub;

namespace Olist.Tests.Streaming.PubSub;

/// <summary>
/// The shared Google REST pieces and the Pub/Sub bus against a local fake, for what the emulator cannot show: bearer
/// tokens over https, a 401 that gets a fresh token, retries by error.status per method class, ALREADY_EXISTS as
/// success, a publish stored in part; and the emulator switch and error envelope on their own.
/// </summary>
public sealed class GoogleRestTests : IAsyncLifetime
{
    private FakeGoogleServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeGoogleServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Production_calls_go_over_https_with_a_bearer_token_and_a_401_gets_a_fresh_token_once()
    {
        await using var bus = await ProductionBusAsync();
        await bus.SetupAsync(CancellationToken.None);
        var firstToken = _fake.Calls.First().Token!;
        _fake.RevokedTokens.Add(firstToken);

        var ids = await bus.PublishAsync([Message("a")], CancellationToken.None);

        Assert.Single(ids);
        Assert.Equal("token-1", firstToken);
        Assert.Equal(2, _fake.TokensIssued);
        var publishes = _fake.Calls.Where(c => c.Path.EndsWith(":publish", StringComparison.Ordinal)).ToList();
        Assert.Equal([("token-1", 401), ("token-2", 200)], publishes.Select(c => (c.Token, c.Status)));
        Assert.All(_fake.Calls, c => Assert.NotNull(c.Token));
    }

    [Fact]
    public async Task Publish_retries_UNAVAILABLE_RESOURCE_EXHAUSTED_and_ABORTED_while_acknowledge_retries_only_UNAVAILABLE()
    {
        await using var bus = await ProductionBusAsync();
        await bus.SetupAsync(CancellationToken.None);
        _fake.FailNext(":publish", (503, GoogleStatus.Unavailable), (429, GoogleStatus.ResourceExhausted), (409, GoogleStatus.Aborted));
        _fake.FailNext(":acknowledge", (503, GoogleStatus.Unavailable), (429, GoogleStatus.ResourceExhausted));

        var ids = await bus.PublishAsync([Message("a")], CancellationToken.None);
        var refused = await Assert.ThrowsAsync<GoogleApiException>(() => bus.AcknowledgeAsync(["ack-1"], CancellationToken.None));

        Assert.Single(ids);
        Assert.Equal([503, 429, 409, 200], _fake.Calls.Where(c => c.Path.EndsWith(":publish", StringComparison.Ordinal)).Select(c => c.Status));
        Assert.Equal([503, 429], _fake.Calls.Where(c => c.Path.EndsWith(":acknowledge", StringComparison.Ordinal)).Select(c => c.Status));
        Assert.Equal(GoogleStatus.ResourceExhausted, refused.Status);
        Assert.True(refused.IsTransient);
        Assert.Equal(1, (await bus.GetStatsAsync(CancellationToken.None)).Errors);
    }

    [Fact]
    public async Task Setup_takes_ALREADY_EXISTS_as_success_and_says_which_resources_it_created()
    {
        var options = Options();
        _fake.Exists($"projects/{options.ProjectId}/topics/{options.Topic}");
        await using var bus = await ProductionBusAsync(options);

        var lines = await bus.SetupAsync(CancellationToken.None);
        var again = await bus.SetupAsync(CancellationToken.None);

        Assert.Equal([$"projects/olist-fake/topics/{options.Topic}: exists", $"projects/olist-fake/topics/{options.DeadLetterTopic}: created", $"projects/olist-fake/subscriptions/{options.Subscription} on projects/olist-fake/topics/{options.Topic}: created"], lines);
        Assert.All(again, line => Assert.EndsWith("exists", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_cut_into_several_calls_that_fails_midway_names_the_ids_stored_before_the_failure()
    {
        await using var bus = await ProductionBusAsync();
        await bus.SetupAsync(CancellationToken.None);
        var messages = Enumerable.Range(0, 2_500).Select(i => Message($"m{i}")).ToList();

        // The first call (1,000 messages) passes, the second is refused for good, the third is never made.
        _fake.FailNext(":publish", FakeGoogleServer.Pass, (400, GoogleStatus.FailedPrecondition));
        var failure = await Assert.ThrowsAsync<BusPublishException>(() => bus.PublishAsync(messages, CancellationToken.None));

        Assert.Equal(1_000, failure.StoredIds.Count);
        Assert.False(failure.IsTransient);
        Assert.Contains("the first 1000 of 2500 messages were stored", failure.Message, StringComparison.Ordinal);
        Assert.Equal([200, 400], _fake.Calls.Where(c => c.Path.EndsWith(":publish", StringComparison.Ordinal)).Select(c => c.Status));
    }

    [Fact]
    public void Publish_calls_hold_at_most_1000_messages_and_9_MiB_of_base64_in_order()
    {
        var small = Enumerable.Range(0, 2_001).Select(_ => new PubSubOutgoing(new byte[10], null)).ToList();
        var large = Enumerable.Range(0, 5).Select(_ => new PubSubOutgoing(new byte[3_000_000], new Dictionary<string, string> { ["replay_of"] = "m" })).ToList();

        Assert.Equal([(0, 1_000), (1_000, 1_000), (2_000, 1)], PubSubClient.Batches(small).Select(r => r.GetOffsetAndLength(small.Count)));
        // 3 MB of data is 4 MB of base64: two fit in 9 MiB, a third does not.
        Assert.Equal([(0, 2), (2, 2), (4, 1)], PubSubClient.Batches(large).Select(r => r.GetOffsetAndLength(large.Count)));
    }

    [Fact]
    public async Task Production_refuses_a_plain_http_endpoint_and_the_emulator_gets_no_token()
    {
        var plain = Options();
        plain.Endpoint = _fake.HttpAddress;
        await Assert.ThrowsAsync<PipelineException>(() => ProductionBusAsync(plain));

        var emulated = Options();
        emulated.EmulatorDetection = EmulatorDetection.EmulatorOnly;
        await using var bus = await PubSubMessageBus.CreateAsync(
            emulated, $"http://{_fake.HttpAddress.Authority}/", TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger<PubSubMessageBus>.Instance, CancellationToken.None);
        await bus.SetupAsync(CancellationToken.None);

        Assert.True(bus.Endpoint.IsEmulator);
        Assert.All(_fake.Calls, c => Assert.Null(c.Token));
        Assert.Equal(0, _fake.TokensIssued);
    }

    [Theory]
    [InlineData(EmulatorDetection.None, "127.0.0.1:8085", "https://pubsub.googleapis.com/v1/")]
    [InlineData(EmulatorDetection.None, null, "https://pubsub.googleapis.com/v1/")]
    [InlineData(EmulatorDetection.ProductionOnly, null, "https://pubsub.googleapis.com/v1/")]
    [InlineData(EmulatorDetection.ProductionOnly, "  ", "https://pubsub.googleapis.com/v1/")]
    [InlineData(EmulatorDetection.ProductionOnly, "127.0.0.1:8085", null)]
    [InlineData(EmulatorDetection.EmulatorOnly, "127.0.0.1:8085", "http://127.0.0.1:8085/v1/")]
    [InlineData(EmulatorDetection.EmulatorOnly, "http://localhost:9000/", "http://localhost:9000/v1/")]
    [InlineData(EmulatorDetection.EmulatorOnly, "", null)]
    [InlineData(EmulatorDetection.EmulatorOrProduction, "localhost:8085", "http://localhost:8085/v1/")]
    [InlineData(EmulatorDetection.EmulatorOrProduction, " ", "https://pubsub.googleapis.com/v1/")]
    public void Emulator_detection_follows_Googles_clients(EmulatorDetection detection, string? variable, string? expected)
    {
        GoogleEndpoint Resolve() => GoogleEndpoint.Resolve(detection, BusOptions.EmulatorHostVariable, variable, new Uri("https://pubsub.googleapis.com/"), "v1/");

        if (expected is null)
        {
            Assert.Contains(BusOptions.EmulatorHostVariable, Assert.Throws<PipelineException>(Resolve).Message, StringComparison.Ordinal);
            return;
        }

        var endpoint = Resolve();
        Assert.Equal(expected, endpoint.BaseAddress.ToString());
        Assert.Equal(expected.StartsWith("http:", StringComparison.Ordinal), endpoint.IsEmulator);
    }

    [Theory]
    [InlineData(409, """{"error":{"code":409,"message":"Topic already exists","status":"ALREADY_EXISTS"}}""", "ALREADY_EXISTS", null, "Topic already exists")]
    [InlineData(409, """{"error":{"code":409,"message":"contention","status":"ABORTED"}}""", "ABORTED", null, "contention")]
    [InlineData(403, """{"error":{"code":403,"message":"Exceeded rate limits","errors":[{"reason":"rateLimitExceeded"}]}}""", "PERMISSION_DENIED", "rateLimitExceeded", "Exceeded rate limits")]
    [InlineData(502, "<html><body>Bad Gateway</body></html>", "UNAVAILABLE", null, "<html><body>Bad Gateway</body></html>")]
    [InlineData(504, "", "DEADLINE_EXCEEDED", null, "(no body)")]
    public void The_error_envelope_is_read_by_status_first_and_a_body_that_is_not_one_by_its_HTTP_code(int http, string body, string status, string? reason, string message)
    {
        var error = GoogleApiError.Parse(http, body);

        Assert.Equal((http, status, reason, message), (error.HttpStatus, error.Status, error.Reason, error.Message));
    }

    private static OutgoingMessage Message(string text) => new(Encoding.UTF8.GetBytes(text));

    private static BusOptions Options() => new()
    {
        Provider = BusOptions.PubSub,
        ProjectId = "olist-fake",
        Topic = PubSubEmulator.UniqueId("topic"),
        Subscription = PubSubEmulator.UniqueId("sub"),
        DeadLetterTopic = PubSubEmulator.UniqueId("dlq"),
        EmulatorDetection = EmulatorDetection.ProductionOnly,
    };

    private Task<PubSubMessageBus> ProductionBusAsync(BusOptions? options = null)
    {
        options ??= Options();
        options.Endpoint = options.Endpoint == new BusOptions().Endpoint ? _fake.HttpsAddress : options.Endpoint;
        return PubSubMessageBus.CreateAsync(
            options,
            emulatorHost: null,
            TimeSpan.FromSeconds(10),
            TimeProvider.System,
            NullLogger<PubSubMessageBus>.Instance,
            CancellationToken.None,
            _fake.ServiceAccount(PubSubMessageBus.Scope),
            _fake.TrustingHandler());
    }
}
