namespace Olist.Tests.Web.Hardening;

/// <summary>
/// The JSON API answers every failure as <c>application/problem+json</c> without stack traces or internal type names,
/// in the Development environment the tests run in too: unknown paths, bad bodies, and a damaged <c>bus.db</c>.
/// </summary>
public sealed class ProblemResponseTests(HardenedServer server) : IClassFixture<HardenedServer>
{
    [Theory]
    [InlineData("GET", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/runs/987654", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/runs?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/kpis/no-such-kpi", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/api/runs", HttpStatusCode.MethodNotAllowed)]
    public async Task Failures_of_the_api_are_problems(string method, string path, HttpStatusCode expected)
    {
        using var client = server.OperatorClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task A_body_of_the_wrong_shape_gets_a_problem_that_names_no_internal_type()
    {
        using var client = server.OperatorClient();

        using var response = await client.PostAsync("/api/runs", new StringContent("""{"logical_date": 42}""", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("logical_date", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("damaged")]
    [InlineData("on a full disk")]
    public async Task A_bus_file_that_cannot_be_used_answers_503_problems_not_an_error_page(string bus)
    {
        using var data = new TemporaryDataDirectory();
        await data.LoadGeneratedDataAsync();
        if (bus == "damaged")
        {
            await File.WriteAllBytesAsync(data.Paths.Bus, Encoding.ASCII.GetBytes(new string('x', 8192)));
        }
        else
        {
            // Linux's /dev/full reads as empty and refuses every write with "no space left on device", as a full disk does.
            File.CreateSymbolicLink(data.Paths.Bus, "/dev/full");
        }

        var (live, readiness) = await LiveServer.StartWithAnyBusAsync(data);
        await using var _ = live;

        using var publish = await live.PostAsync("{}", "application/json", LiveServer.Key);
        using var summary = await live.Client.GetAsync(new Uri(live.Address, "api/live/summary"));

        await AssertProblemAsync(publish, HttpStatusCode.ServiceUnavailable);
        await AssertProblemAsync(summary, HttpStatusCode.ServiceUnavailable);
        Assert.Contains(Readiness.BusUnreachable, readiness, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", readiness, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Olist.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        return problem;
    }
}
