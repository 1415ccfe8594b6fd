using System.Net.Http.Headers;

namespace Olist.Tests.Web.Hardening;

/// <summary>
/// With <c>AnonymousViewers=None</c>, every endpoint needs a viewer unless it is anonymous on purpose (probes, sign-in and
/// the files its page loads); judged on the real app for a visitor whose connection comes from 203.0.113.7.
/// </summary>
public sealed class ViewerFallbackTests(HardenedServer server) : IClassFixture<HardenedServer>
{
    private const string Remote = "203.0.113.7";

    [Theory]
    [InlineData("GET", "/api/kpis")]
    [InlineData("GET", "/api/kpis/sales-trends")]
    [InlineData("GET", "/api/live/summary")]
    [InlineData("POST", "/hubs/live-orders/negotiate?negotiateVersion=1")]
    [InlineData("POST", "/hubs/runs/negotiate?negotiateVersion=1")]
    [InlineData("GET", "/api/runs")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/api/no-such-thing")]
    public async Task An_anonymous_visitor_from_elsewhere_gets_401_problem_from_every_reading_endpoint(string method, string path)
    {
        using var client = server.Client(Remote);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains(OperatorKey.Header, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/kpis/sales-trends?from=2018-01-01&to=2018-03-31")]
    [InlineData("/api/live/summary")]
    [InlineData("/api/runs")]
    public async Task The_operator_key_opens_them_from_anywhere(string path)
    {
        using var client = server.OperatorClient(Remote);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Probes_sign_in_and_its_files_stay_open()
    {
        using var client = server.Client(Remote);

        using var health = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");
        using var signIn = await client.GetAsync("/signin");
        var page = await signIn.Content.ReadAsStringAsync();
        var stylesheet = System.Text.RegularExpressions.Regex.Match(page, "href=\"(_content/MudBlazor/MudBlazor[^\"]*\\.css)\"").Groups[1].Value;
        using var css = await client.GetAsync("/" + stylesheet);
        using var overview = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.StartsWith("/signin", overview.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_needs_the_publisher_key_not_a_viewer()
    {
        using var client = server.Client(Remote);
        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/api/events/orders") { Content = new StringContent("{\"not\":\"an event\"}", MediaTypeHeaderValue.Parse("application/json")) };
        withKey.Headers.Add("X-Api-Key", HardenedServer.PublisherApiKey);
        using var operatorOnly = new HttpRequestMessage(HttpMethod.Get, "/api/events/catalog");
        operatorOnly.Headers.Add(OperatorKey.Header, HardenedServer.OperatorApiKey);

        using var accepted = await client.SendAsync(withKey);
        using var refused = await client.SendAsync(operatorOnly);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("X-Api-Key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kpi_answer_over_the_row_limit_is_a_400_problem_not_megabytes()
    {
        using var client = server.OperatorClient();

        using var huge = await client.GetAsync("/api/kpis/top-products?grain=day&top=1000");
        using var small = await client.GetAsync("/api/kpis/top-products?grain=year&top=1");

        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await huge.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("rows").GetInt32() > HardenedServer.MaxKpiRows);
        Assert.Equal(HardenedServer.MaxKpiRows, problem.GetProperty("max_rows").GetInt32());
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }
}
