using System.Net.Http.Headers;

namespace Olist.Web.Cli;

/// <summary>Posts generated messages as NDJSON to <c>/api/events/orders</c>, retrying transient failures with backoff.</summary>
internal sealed class HttpEventSink(HttpClient http) : IEventSink
{
    private const int Attempts = 5;

    public async Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken)
    {
        var ndjson = bodies.SelectMany(b => b.Append((byte)'\n')).ToArray();
        using var response = await SendAsync(
            http,
            () => new HttpRequestMessage(HttpMethod.Post, "/api/events/orders")
            {
                Content = new ByteArrayContent(ndjson) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } },
            },
            cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<PublishAnswer>(EventEndpoints.Json, cancellationToken);
        return answer?.MessageIds ?? throw new PipelineException("The server accepted the batch but sent no message ids.");
    }

    /// <summary>Sends a request until it succeeds; a refused key or bad request fails at once, an unreachable or busy server is retried.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = request();
                var response = await http.SendAsync(message, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Dispose();
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway) || attempt == Attempts)
                {
                    throw new PipelineException($"{http.BaseAddress} answered {(int)response.StatusCode} {response.StatusCode}: {body.ReplaceLineEndings(" ")}");
                }
            }
            catch (HttpRequestException ex) when (attempt < Attempts)
            {
                await Console.Error.WriteLineAsync($"stream: {http.BaseAddress} unreachable ({ex.Message}); retrying");
            }
            catch (HttpRequestException ex)
            {
                throw new PipelineException($"{http.BaseAddress} is unreachable: {ex.Message}. Is the app running (dotnet run --project Olist.Web)?", ex);
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), cancellationToken);
        }
    }

    private sealed record PublishAnswer(IReadOnlyList<string> MessageIds);
}
