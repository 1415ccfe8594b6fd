using Olist.Pipeline.Streaming.DeadLetters;

namespace Olist.Tests.Streaming;

/// <summary>The ingestion endpoint and the live summary on the real app (Kestrel on a free port) over a tiny loaded dataset.</summary>
public sealed class EventEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Key = LiveServer.Key;
    private readonly TemporaryDataDirectory _data = new();
    private LiveServer _server = null!;

    public async Task InitializeAsync()
    {
        await _data.LoadGeneratedDataAsync();
        _server = await LiveServer.StartAsync(_data);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Publishing_answers_202_with_ids_in_request_order_and_every_message_is_accounted_for()
    {
        var catalog = await _server.ReadCatalogAsync();
        var generator = new LiveOrderGenerator(catalog, new LiveGeneratorOptions(Seed: 5), TimeProvider.System);
        var valid = Enumerable.Range(0, 3).Select(_ => Encoding.UTF8.GetString(generator.Next().Body)).ToList();
        var ndjson = string.Join("\n", valid[0], "{ not json", valid[1], "", valid[2]) + "\n";

        using var batch = await _server.PostAsync(ndjson, "application/x-ndjson", Key);
        using var single = await _server.PostAsync("  " + valid[0] + "  ", "application/json", Key);

        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        var ids = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message_ids").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(HttpStatusCode.Accepted, single.StatusCode);

        var summary = await _server.WaitForSummaryAsync(s => s.GetProperty("backlog").GetInt64() == 0 && s.GetProperty("accepted").GetInt64() == 3);
        var deadLetters = await _server.App.Services.GetRequiredService<DeadLetterStore>().ListAsync(null, false, 10, CancellationToken.None);
        Assert.Equal(ids[1], Assert.Single(deadLetters).MessageId);
        Assert.Equal("{ not json", Encoding.UTF8.GetString(deadLetters[0].Body));
        Assert.Equal(1, summary.GetProperty("duplicates").GetInt64());
        Assert.Equal(1, summary.GetProperty("dead_lettered_by_reason").GetProperty("malformed_json").GetInt64());
        Assert.Equal(3, summary.GetProperty("live").GetProperty("events_accepted").GetInt64());
    }

    [Fact]
    public async Task Without_a_valid_key_nothing_is_published_and_bad_bodies_get_4xx_never_500()
    {
        using var noKey = await _server.PostAsync("{}", "application/json", key: null);
        using var wrongKey = await _server.PostAsync("{}", "application/json", "wrong");
        using var empty = await _server.PostAsync("  \n \n", "application/x-ndjson", Key);
        using var tooLarge = await _server.PostAsync(new string('x', EventEndpoints.MaxRequestBytes + 1), "application/x-ndjson", Key);
        using var notJson = await _server.PostAsync("\u0000\u0001 binary", "text/plain", Key);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, notJson.StatusCode);
        var summary = await _server.WaitForSummaryAsync(s => s.GetProperty("backlog").GetInt64() == 0 && s.GetProperty("dead_lettered").GetInt64() == 1);
        Assert.Equal(0, summary.GetProperty("accepted").GetInt64());
    }
}
