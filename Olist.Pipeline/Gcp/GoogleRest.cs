using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;

namespace Olist.Pipeline.Gcp;

/// <summary>
/// The request and answer plumbing every Google REST client of the app shares: a request tagged with its method class's
/// retry rule and a JSON body, and an answer that is either success or a <see cref="GoogleApiException"/> carrying the
/// error envelope (an unreachable service counts as UNAVAILABLE).
/// </summary>
public static class GoogleRest
{
    /// <summary>The content type of every JSON body: <c>application/json; charset=utf-8</c>.</summary>
    public static MediaTypeHeaderValue JsonContentType => new("application/json") { CharSet = "utf-8" };

    /// <summary>A request to <paramref name="path"/> (relative to the client's base address) retried by <paramref name="rule"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, GoogleRetryRule rule)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Options.Set(GoogleRetryRule.Key, rule);
        return request;
    }

    /// <summary>The same, with <paramref name="body"/> as its JSON content (buffered, so a retry sends it again unchanged).</summary>
    public static HttpRequestMessage Request<TBody>(HttpMethod method, string path, GoogleRetryRule rule, TBody body, JsonTypeInfo<TBody> typeInfo)
    {
        var request = Request(method, path, rule);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo)) { Headers = { ContentType = JsonContentType } };
        return request;
    }

    /// <summary>Sends <paramref name="request"/> and reads the answer as <typeparamref name="T"/>; a failure is a <see cref="GoogleApiException"/> naming <paramref name="operation"/>.</summary>
    public static async Task<T> SendAsync<T>(HttpClient http, HttpRequestMessage request, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, request, operation, cancellationToken);
        return await ReadAsync(response, typeInfo, operation, cancellationToken);
    }

    /// <summary>Reads a successful answer's body as <typeparamref name="T"/>; an empty one is an error.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken)
            ?? throw new GoogleApiException(operation, null, new GoogleApiError((int)response.StatusCode, GoogleStatus.Internal, null, "an empty answer"));
    }

    /// <summary>Sends <paramref name="request"/>; the successful answer is the caller's to dispose, any other becomes a <see cref="GoogleApiException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        var response = await TrySendAsync(http, request, operation, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new GoogleApiException(operation, null, await GoogleApiError.ReadAsync(response, cancellationToken));
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns whatever answered; only an unreachable service throws.</summary>
    public static async Task<HttpResponseMessage> TrySendAsync(HttpClient http, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new GoogleApiException(operation, ex, new GoogleApiError(0, GoogleStatus.Unavailable, null, $"{http.BaseAddress} is unreachable: {ex.Message}"));
        }
    }
}
