using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;

namespace Olist.Tests.Web.Hardening;

/// <summary>
/// <c>/metrics</c> in Prometheus format with the ASP.NET Core, runtime and app instruments; the OpenAPI document lists
/// every mapped API endpoint with a summary and its refusals as problems; the Scalar reference page loads.
/// </summary>
public sealed class ObservabilityTests(HardenedServer server) : IClassFixture<HardenedServer>
{
    [Fact]
    public async Task Metrics_show_requests_the_runtime_the_first_builds_models_and_the_stream()
    {
        using var client = server.OperatorClient();
        using var publish = new HttpRequestMessage(HttpMethod.Post, "/api/events/orders") { Content = new StringContent("not json\n", MediaTypeHeaderValue.Parse("application/x-ndjson")) };
        publish.Headers.Add(PublisherKey.Header, HardenedServer.PublisherApiKey);
        using var published = await client.SendAsync(publish);
        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);

        var metrics = await WaitForAsync(client, text => text.Contains("olist_stream_messages_total{", StringComparison.Ordinal));

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.Contains("olist_builds_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("olist_build_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("olist_model_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("model=\"fact_sales\"", metrics, StringComparison.Ordinal);
        Assert.Contains("olist_model_rows_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"dead_lettered\"", metrics, StringComparison.Ordinal);
        Assert.Contains("reason=\"malformed_json\"", metrics, StringComparison.Ordinal);
        Assert.Contains("olist_stream_lag_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("olist_stream_backlog", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_has_every_api_endpoint_with_a_summary_and_problem_refusals()
    {
        using var client = server.OperatorClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            // The document itself and the reference page's files are the only endpoints it leaves out.
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/openapi", StringComparison.Ordinal) && !e.RoutePattern.RawText.StartsWith("/scalar", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: OpenApiPath(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToList();

        Assert.True(mapped.Count >= 17, $"only {mapped.Count} endpoints found");
        Assert.All(mapped, endpoint =>
        {
            Assert.True(paths.TryGetProperty(endpoint.Path, out var path), $"{endpoint.Path} is not in the document");
            Assert.True(path.TryGetProperty(endpoint.Method, out var operation), $"{endpoint.Method} {endpoint.Path} is not in the document");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{endpoint.Method} {endpoint.Path} has no summary");
            var responses = operation.GetProperty("responses");
            if (endpoint.Path is not ("/healthz" or "/readyz"))
            {
                Assert.True(responses.TryGetProperty("401", out var unauthorized), $"{endpoint.Method} {endpoint.Path} does not document 401");
                Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _));
            }
        });
        var publish = paths.GetProperty("/api/events/orders").GetProperty("post").GetProperty("responses");
        Assert.True(publish.TryGetProperty("429", out _));
        Assert.True(publish.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task The_scalar_reference_page_loads_its_script_under_a_nonce_of_its_own_response()
    {
        using var client = server.OperatorClient();

        using var page = await client.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();
        var csp = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        using var bundle = await client.GetAsync(new Uri(new Uri(server.Address, "/scalar/"), script));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }

    private static string OpenApiPath(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.Length > 1 ? pattern.TrimEnd('/') : pattern, "\\{([^:}]+)(:[^}]+)?\\}", "{$1}");

    private static async Task<string> WaitForAsync(HttpClient client, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await client.GetStringAsync("/metrics");
            if (condition(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }
}
