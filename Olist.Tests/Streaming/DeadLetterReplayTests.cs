using Olist.Pipeline.Streaming.DeadLetters;

namespace Olist.Tests.Streaming;

/// <summary><c>POST /api/deadletters/replay</c> on the real app: operators only, clear 400s, and replayed letters really go back on the bus.</summary>
public sealed class DeadLetterReplayTests : IAsyncLifetime, IDisposable
{
    private const string OperatorApiKey = "replay-operator-key";
    private readonly TemporaryDataDirectory _data = new();
    private LiveServer _server = null!;

    public async Task InitializeAsync()
    {
        await _data.LoadGeneratedDataAsync();
        _server = await LiveServer.StartAsync(_data, $"--Olist:Auth:OperatorApiKey={OperatorApiKey}");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_operator_replays_by_id_and_by_reason_and_the_consumer_takes_each_letter_again()
    {
        var published = await _server.PublishAsync(["{ not json", "{ also not"]);
        await _server.WaitForSummaryAsync(s => s.GetProperty("backlog").GetInt64() == 0 && s.GetProperty("dead_lettered").GetInt64() == 2);

        using var byId = await ReplayAsync($$"""{"ids":["{{published[0]}}","no-such-message"]}""", OperatorApiKey);
        Assert.Equal(HttpStatusCode.Accepted, byId.StatusCode);
        Assert.Equal(1, (await byId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        // Still malformed, so the replay is consumed and dead-lettered again under a new message that names the original.
        await _server.WaitForSummaryAsync(s => s.GetProperty("backlog").GetInt64() == 0 && s.GetProperty("dead_lettered").GetInt64() == 3);

        using var byReason = await ReplayAsync("""{"reason":"malformed_json"}""", OperatorApiKey);
        Assert.Equal(HttpStatusCode.Accepted, byReason.StatusCode);
        Assert.Equal(2, (await byReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await _server.WaitForSummaryAsync(s => s.GetProperty("backlog").GetInt64() == 0 && s.GetProperty("dead_lettered").GetInt64() == 5);

        var letters = await Store().ListAsync(null, includeReplayed: true, 10, CancellationToken.None);
        Assert.Equal(5, letters.Count);
        Assert.Equal(2, letters.Count(l => l.ReplayedAt is null));
        Assert.All(letters.Where(l => l.ReplayedAt is not null), o => Assert.Equal(o.Body, letters.Single(l => l.MessageId == o.ReplayMessageId).Body));
        Assert.Equal(
            published.Order(StringComparer.Ordinal),
            letters.Where(l => l.ReplayedAt is null).Select(l => l.OriginalMessageId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Without_the_operator_key_nothing_is_replayed(string? key)
    {
        await _server.PublishAsync(["{ not json"]);
        await _server.WaitForSummaryAsync(s => s.GetProperty("dead_lettered").GetInt64() == 1);

        using var refused = await ReplayAsync("""{"reason":"malformed_json"}""", key);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(Assert.Single(await Store().ListAsync(null, includeReplayed: true, 10, CancellationToken.None)).ReplayedAt);
    }

    [Theory]
    [InlineData("{}", "application/json")]
    [InlineData("""{"ids":[]}""", "application/json")]
    [InlineData("""{"ids":[""],"reason":" "}""", "application/json")]
    [InlineData("""{"ids":["x"],"reason":"malformed_json"}""", "application/json")]
    [InlineData("""{"ids":"x"}""", "application/json")]
    [InlineData("not json", "application/json")]
    [InlineData("""{"reason":"malformed_json"}""", "text/plain")]
    public async Task A_bad_body_gets_400_with_a_message_and_replays_nothing(string body, string contentType)
    {
        await _server.PublishAsync(["{ not json"]);
        await _server.WaitForSummaryAsync(s => s.GetProperty("dead_lettered").GetInt64() == 1);

        using var response = await ReplayAsync(body, OperatorApiKey, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
        Assert.Null(Assert.Single(await Store().ListAsync(null, includeReplayed: true, 10, CancellationToken.None)).ReplayedAt);
    }

    private DeadLetterStore Store() => _server.App.Services.GetRequiredService<DeadLetterStore>();

    private async Task<HttpResponseMessage> ReplayAsync(string body, string? key, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, "api/deadletters/replay"))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (key is not null)
        {
            request.Headers.Add(OperatorKey.Header, key);
        }

        return await _server.Client.SendAsync(request);
    }
}
