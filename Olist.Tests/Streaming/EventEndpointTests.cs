using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Olist.Pipeline.Streaming.DeadLetters;
using Olist.Pipeline.Streaming.Publishing;
using Olist.Tests.Web;
using Olist.Web.Api;
using Olist.Web.Hosting;

namespace Olist.Tests.Streaming;

/// <summary>The ingestion endpoint and the live summary on the real app (Kestrel on a free port) over a tiny loaded dataset.</summary>
public sealed class EventEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Key = "test-publisher-key";
    private readonly TemporaryDataDirectory _data = new();
    private readonly HttpClient _client = new();
    private Microsoft.AspNetCore.Builder.WebApplication? _app;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        await _data.LoadGeneratedDataAsync();
        _app = OlistWebApp.Build([.. ServerArguments.For(_data), $"--Olist:Auth:PublisherApiKey={Key}", "--Olist:Stream:PullWait=00:00:00.05"]);
        await _app.StartAsync();
        _address = _app.ListeningAddress();
        await ReadyProbe.WaitUntilReadyAsync(_client, _address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Publishing_answers_202_with_ids_in_request_order_and_every_message_is_accounted_for()
    {
        var catalog = await ReadCatalogAsync();
        var generator = new LiveOrderGenerator(catalog, new LiveGeneratorOptions(Seed: 5), TimeProvider.System);
        var valid = Enumerable.Range(0, 3).Select(_ => Encoding.UTF8.GetString(generator.Next().Body)).ToList();
        var ndjson = string.Join("\n", valid[0], "{ not json", valid[1], "", valid[2]) + "\n";

        using var batch = await PostAsync(ndjson, "application/x-ndjson", Key);
        using var single = await PostAsync("  " + valid[0] + "  ", "application/json", Key);

        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        var ids = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message_ids").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(HttpStatusCode.Accepted, single.StatusCode);

        var summary = await WaitForSummaryAsync(s => s.GetProperty("backlog").GetInt64() == 0 && s.GetProperty("accepted").GetInt64() == 3);
        var deadLetters = await _app!.Services.GetRequiredService<DeadLetterStore>().ListAsync(null, false, 10, CancellationToken.None);
        Assert.Equal(ids[1], Assert.Single(deadLetters).MessageId);
        Assert.Equal("{ not json", Encoding.UTF8.GetString(deadLetters[0].Body));
        Assert.Equal(1, summary.GetProperty("duplicates").GetInt64());
        Assert.Equal(1, summary.GetProperty("dead_lettered_by_reason").GetProperty("malformed_json").GetInt64());
        Assert.Equal(3, summary.GetProperty("live").GetProperty("events_accepted").GetInt64());
    }

    [Fact]
    public async Task Without_a_valid_key_nothing_is_published_and_bad_bodies_get_4xx_never_500()
    {
        using var noKey = await PostAsync("{}", "application/json", key: null);
        using var wrongKey = await PostAsync("{}", "application/json", "wrong");
        using var empty = await PostAsync("  \n \n", "application/x-ndjson", Key);
        using var tooLarge = await PostAsync(new string('x', EventEndpoints.MaxRequestBytes + 1), "application/x-ndjson", Key);
        using var notJson = await PostAsync("\u0000\u0001 binary", "text/plain", Key);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, notJson.StatusCode);
        var summary = await WaitForSummaryAsync(s => s.GetProperty("backlog").GetInt64() == 0 && s.GetProperty("dead_lettered").GetInt64() == 1);
        Assert.Equal(0, summary.GetProperty("accepted").GetInt64());
    }

    private async Task<LiveCatalog> ReadCatalogAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_address, "api/events/catalog"));
        request.Headers.Add(EventEndpoints.ApiKeyHeader, Key);
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LiveCatalog>(EventEndpoints.Json))!;
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, "api/events/orders"))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        if (key is not null)
        {
            request.Headers.Add(EventEndpoints.ApiKeyHeader, key);
        }

        return await _client.SendAsync(request);
    }

    private async Task<JsonElement> WaitForSummaryAsync(Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var summary = await _client.GetFromJsonAsync<JsonElement>(new Uri(_address, "api/live/summary"));
            if (condition(summary))
            {
                return summary;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the summary never got there: {summary}");
            await Task.Delay(50);
        }
    }
}
