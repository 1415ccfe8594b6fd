using Microsoft.AspNetCore.SignalR.Client;
using static Olist.Tests.Web.SignInForms;

namespace Olist.Tests.Web;

/// <summary>The run API and operator security against the real app: reads open to loopback viewers, every change needs an operator.</summary>
public sealed class RunApiTests(OperationsServer server) : IClassFixture<OperationsServer>
{
    private static readonly TimeSpan RunPatience = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("/api/runs", """{"logical_date":"2018-08-01"}""")]
    [InlineData("/api/backfills", """{"from":"2018-08-01","to":"2018-08-02"}""")]
    [InlineData("/api/runs/1/retry", "{}")]
    [InlineData("/api/schedule/pause", "{}")]
    [InlineData("/api/schedule/resume", "{}")]
    public async Task Every_state_change_refuses_an_anonymous_caller_and_a_wrong_key(string path, string body)
    {
        using var client = server.Client();

        using var anonymous = await client.PostAsync(path, Json(body));
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body), Headers = { { OperatorKey.Header, "not-the-key" } } };
        using var refused = await client.SendAsync(wrongKey);

        Assert.Contains(anonymous.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Contains("operator", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_viewer_on_loopback_reads_the_run_history()
    {
        using var client = server.Client();

        using var runs = await client.GetAsync("/api/runs");
        using var page = await client.GetAsync("/ops/runs");

        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await runs.Content.ReadAsStringAsync()).RootElement.ValueKind);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_operator_key_triggers_a_run_that_the_hub_follows_to_success_with_tasks_models_and_tests_recorded()
    {
        var day = await server.DayWithOrdersAsync();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(server.Address, "/hubs/runs")).Build();
        var states = new List<(long? RunId, string State)>();
        var succeeded = new TaskCompletionSource();
        long runId = 0;
        hub.On<JsonElement>("RunChanged", change =>
        {
            var (id, taskId, state) = (change.GetProperty("runId").GetInt64(), change.GetProperty("taskId").GetString(), change.GetProperty("state").GetString()!);
            lock (states)
            {
                states.Add((id, state));
            }

            if (taskId is null && state == "success" && id == Volatile.Read(ref runId))
            {
                succeeded.TrySetResult();
            }
        });
        await hub.StartAsync();
        using var client = server.Client();
        client.DefaultRequestHeaders.Add(OperatorKey.Header, OperationsServer.OperatorApiKey);

        using var trigger = await client.PostAsync("/api/runs", Json($$"""{"logical_date":"{{day:yyyy-MM-dd}}"}"""));
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        var queued = JsonDocument.Parse(await trigger.Content.ReadAsStringAsync()).RootElement;
        Volatile.Write(ref runId, queued.GetProperty("run_id").GetInt64());
        Assert.Equal(("daily_build", "manual", "queued"), (queued.GetProperty("dag_id").GetString(), queued.GetProperty("run_type").GetString(), queued.GetProperty("state").GetString()));
        await WaitForSuccessAsync(client, runId, succeeded.Task);

        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{runId}")).RootElement;
        Assert.Equal("success", detail.GetProperty("run").GetProperty("state").GetString());
        Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), detail.GetProperty("run").GetProperty("logical_date").GetString());
        Assert.Equal(8, detail.GetProperty("tasks").GetArrayLength());
        Assert.All(detail.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("success", t.GetProperty("state").GetString()));
        Assert.Contains(detail.GetProperty("models").EnumerateArray(), m => m.GetProperty("model").GetString() == "fact_sales" && m.GetProperty("rows").GetInt64() > 0);
        Assert.Contains(detail.GetProperty("tests").EnumerateArray(), t => t.GetProperty("task_id").GetString() == "audit_fact_sales");
        lock (states)
        {
            Assert.Contains((runId, "running"), states);
        }

        var listed = JsonDocument.Parse(await client.GetStringAsync("/api/runs?state=success&type=manual")).RootElement;
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("run_id").GetInt64() == runId);
        Assert.Equal(["run_id", "dag_id", "logical_date", "run_type", "state", "started_at", "ended_at"], listed[0].EnumerateObject().Select(p => p.Name));
        using var retry = await client.PostAsync($"/api/runs/{runId}/retry", Json("{}"));
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("only a failed run can be retried", await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/runs", "application/json", """{"full_refresh":true}""", "logical_date is required")]
    [InlineData("/api/runs", "application/json", """{"logical_date":"2018-02-30"}""", "is not a date")]
    [InlineData("/api/runs", "application/json", """{"logical_date":""", "not the expected JSON")]
    [InlineData("/api/runs", "text/plain", "logical_date=2018-01-01", "Content-Type: application/json")]
    [InlineData("/api/backfills", "application/json", """{"from":"2018-03-01","to":"2018-02-01"}""", "reversed")]
    [InlineData("/api/backfills", "application/json", """{"from":"2018-03-01"}""", "to is required")]
    public async Task Bad_input_gets_400_with_a_message(string path, string contentType, string body, string expected)
    {
        using var client = server.Client();
        client.DefaultRequestHeaders.Add(OperatorKey.Header, OperationsServer.OperatorApiKey);

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/runs?state=exploded", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs?from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs/987654", HttpStatusCode.NotFound)]
    public async Task Bad_queries_get_a_clear_answer_not_a_500(string path, HttpStatusCode expected)
    {
        using var client = server.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Signing_in_and_out_needs_the_anti_forgery_token_and_the_cookie_then_lets_the_operator_act()
    {
        var cookies = new CookieContainer();
        using var client = server.Client(cookies);

        using var forged = await client.PostAsync("/signin", Form(("_handler", "signin"), ("Input.UserName", "operator"), ("Input.Password", OperationsServer.OperatorPassword)));
        var token = await TokenAsync(client, "/signin");
        using var wrong = await client.PostAsync("/signin", Form(("__RequestVerificationToken", token), ("_handler", "signin"), ("Input.UserName", "operator"), ("Input.Password", "guess")));
        var wrongCookie = cookies.GetAllCookies().Any(c => c.Name == "olist.operator");
        using var right = await client.PostAsync("/signin", Form(("__RequestVerificationToken", token), ("_handler", "signin"), ("Input.UserName", "operator"), ("Input.Password", OperationsServer.OperatorPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(wrongCookie);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/ops/runs", right.Headers.Location?.AbsolutePath);

        using var paused = await client.PostAsync("/api/schedule/pause", Json("{}"));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.True(JsonDocument.Parse(await paused.Content.ReadAsStringAsync()).RootElement.GetProperty("paused").GetBoolean());

        using var forgedOut = await client.PostAsync("/signout", Form());
        Assert.Equal(HttpStatusCode.BadRequest, forgedOut.StatusCode);
        using var signedOut = await client.PostAsync("/signout", Form(("__RequestVerificationToken", await TokenAsync(client, "/ops/runs"))));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var afterwards = await client.PostAsync("/api/schedule/pause", Json("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    private static async Task WaitForSuccessAsync(HttpClient client, long runId, Task heardOnTheHub)
    {
        using var timeout = new CancellationTokenSource(RunPatience);
        string? state = null;
        while (!timeout.IsCancellationRequested)
        {
            state = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{runId}")).RootElement.GetProperty("run").GetProperty("state").GetString();
            if (state is "success" or "failed" or "skipped")
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal("success", state);
        await heardOnTheHub.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
