using System.Net.Http.Headers;

namespace Olist.Tests.Streaming;

/// <summary>
/// A running app's event endpoints as a publisher with <paramref name="key"/> uses them: post, publish NDJSON, read the
/// catalog, and poll the live summary; for an app in this process and for one in a server process alike.
/// </summary>
internal sealed class LiveApi(HttpClient client, Uri address, string key)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>Posts <paramref name="body"/> to the ingestion endpoint with <paramref name="withKey"/> (none when null).</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string contentType, string? withKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "api/events/orders"))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        if (withKey is not null)
        {
            request.Headers.Add(EventEndpoints.ApiKeyHeader, withKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Publishes <paramref name="events"/> as one NDJSON request, asserts it is accepted, and returns their message ids.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(IEnumerable<string> events)
    {
        using var response = await PostAsync(string.Join("\n", events) + "\n", "application/x-ndjson", key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("message_ids").EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>The products and customers the app offers publishers.</summary>
    public async Task<LiveCatalog> ReadCatalogAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "api/events/catalog"));
        request.Headers.Add(EventEndpoints.ApiKeyHeader, key);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LiveCatalog>(EventEndpoints.Json))!;
    }

    /// <summary>Polls <c>GET /api/live/summary</c> until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForSummaryAsync(Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var summary = await client.GetFromJsonAsync<JsonElement>(new Uri(address, "api/live/summary"));
            if (condition(summary))
            {
                return summary;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the summary never got there: {summary}");
            await Task.Delay(PollEvery);
        }
    }
}
