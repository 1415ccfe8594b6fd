using Microsoft.AspNetCore.TestHost;
using Olist.Tests.Warehouse;

namespace Olist.Tests.Kpis;

/// <summary>The <c>kpi</c> verb and <c>GET /api/kpis/{name}</c>: the same rows, and clear errors for bad input.</summary>
[Collection(SharedBuiltWarehouse.Name)]
public sealed class KpiAccessTests(BuiltWarehouse warehouse) : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("revenue")]
    [InlineData("top-products", "--grain", "week")]
    [InlineData("retention", "--level", "city")]
    [InlineData("sales-trends", "--colour", "red")]
    [InlineData("sales-trends", "--format", "xml")]
    public async Task The_kpi_verb_exits_with_2_and_one_line_listing_the_allowed_values(params string[] arguments)
    {
        var outcome = await CliProcess.RunAsync(warehouse.Paths.Root, ["kpi", .. arguments]);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("kpi: error: ", line, StringComparison.Ordinal);
        Assert.Contains("allowed: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kpi_verb_prints_the_API_rows_as_JSON_and_CSV()
    {
        using var client = await ClientAsync();
        var api = await client.GetStringAsync(new Uri("/api/kpis/sales-trends?grain=week&from=2017-06-01&to=2017-08-31", UriKind.Relative));
        var json = await CliProcess.RunAsync(warehouse.Paths.Root, "kpi", "sales-trends", "--grain", "week", "--from", "2017-06-01", "--to", "2017-08-31", "--format", "json");
        var csv = await CliProcess.RunAsync(warehouse.Paths.Root, "kpi", "sales-trends", "--grain", "week", "--from", "2017-06-01", "--to", "2017-08-31", "--format", "csv");

        Assert.Equal(0, json.ExitCode);
        using var apiRows = JsonDocument.Parse(api);
        using var cliRows = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal(apiRows.RootElement.GetRawText(), cliRows.RootElement.GetRawText());
        var lines = csv.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,orders,revenue,freight,payments,aov", lines[0]);
        Assert.Equal(apiRows.RootElement.GetArrayLength() + 1, lines.Length);
    }

    [Theory]
    [InlineData("/api/kpis/revenue", "name")]
    [InlineData("/api/kpis/top-products?grain=week", "grain")]
    [InlineData("/api/kpis/order-value?level=country", "level")]
    [InlineData("/api/kpis/top-products?top=-1", "top")]
    [InlineData("/api/kpis/retention?from=yesterday", "from")]
    [InlineData("/api/kpis/retention?colour=red", "colour")]
    public async Task The_API_answers_bad_input_with_400_and_a_problem_naming_the_option(string url, string option)
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(option, problem.RootElement.GetProperty("option").GetString());
        Assert.Equal(JsonValueKind.Array, problem.RootElement.GetProperty("allowed").ValueKind);
        Assert.Contains(option == "name" ? "customer-growth" : option, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_lists_the_KPIs_with_their_options_and_columns()
    {
        using var client = await ClientAsync();
        using var listing = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/kpis", UriKind.Relative)));

        var topProducts = listing.RootElement.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "top-products");
        Assert.Equal(9, listing.RootElement.GetArrayLength());
        Assert.Equal(["grain", "top", "from", "to"], topProducts.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
    }

    /// <summary>A test server mapping only the KPI endpoints, with the pipeline over the shared warehouse, its workspace opened.</summary>
    private async Task<HttpClient> ClientAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Olist:DataDirectory"] = warehouse.Paths.Root;
        builder.Services.AddOlistPipeline(builder.Configuration);
        builder.Services.AddSingleton<IKpiService>(warehouse.Kpis);
        var app = builder.Build();
        _apps.Add(app);
        app.MapKpiEndpoints();
        await app.StartAsync();
        await app.Services.GetRequiredService<DataWorkspace>().OpenAsync([], CancellationToken.None);
        return app.GetTestClient();
    }
}
