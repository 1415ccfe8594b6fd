using Olist.Pipeline.Configuration;
using Olist.Tests.Warehouse;

namespace Olist.Tests.Kpis;

/// <summary>
/// Adding a KPI takes a model, its YAML and a page: a KPI model with its YAML, added to a copy of the analytics project and
/// built into a copy of the shared warehouse, is listed and served by the API, described by the OpenAPI document and shown
/// by the glossary of the real app, with no change to any C#.
/// </summary>
[Collection(SharedBuiltWarehouse.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync.")]
public sealed class NewKpiTests(BuiltWarehouse warehouse) : IAsyncLifetime
{
    private const string Sql = """
        -- A KPI that exists only in this test: every order by status in the range.
        WITH orders_in_range AS (
            SELECT order_status
            FROM {{ ref('fact_orders') }}
            WHERE purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
        )
        SELECT
            order_status AS status,
            CAST(COUNT(*) AS {{ type_bigint() }}) AS orders,
            {{ safe_cast('100.0 * COUNT(*) / SUM(COUNT(*)) OVER ()', 'double') }} AS share_pct
        FROM orders_in_range
        GROUP BY order_status
        """;

    private const string Yaml = """
        version: 2

        models:
          - name: kpi_order_status
            description: Every order purchased in the range by its status, with its share of all of them.
            config: {tags: [kpis]}
            meta: {kpi: order-status, title: Orders by status, order_by: "orders DESC, status"}
            columns:
              - {name: status, data_type: varchar, description: The order status as the source writes it.}
              - name: orders
                description: Orders with the status.
                data_type: bigint
                tests: [not_null]
              - name: share_pct
                description: 100 times the orders with the status over all orders.
                data_type: double
                tests: [not_null]
        """;

    private static readonly string[] Columns = ["status", "orders", "share_pct"];

    private readonly TempDirectory _root = new();
    private readonly HttpClient _client = new();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var project = _root.Combine("project");
        AnalyticsProjectCopy.CopyTo(project);
        await File.WriteAllTextAsync(Path.Combine(project, "models", "kpis", "kpi_order_status.sql"), Sql);
        await File.WriteAllTextAsync(Path.Combine(project, "models", "kpis", "_order_status.yml"), Yaml);
        var data = new DataPaths(_root.Combine("data"));
        Directory.CreateDirectory(data.Root);
        File.Copy(warehouse.Paths.Warehouse, data.Warehouse);
        var projectSetting = $"{TransformOptions.SectionName}:{nameof(TransformOptions.ProjectDirectory)}";
        await using (var services = TestPipeline.Create(data.Root, new Dictionary<string, string?> { [projectSetting] = project }))
        {
            var build = await services.GetRequiredService<TransformProject>().BuildAsync(new BuildRequest("kpi_order_status"), null, CancellationToken.None);
            Assert.True(build.Succeeded, string.Join("; ", build.Results.Select(r => $"{r.Name} {r.Status} {r.Message}")));
        }

        _app = OlistWebApp.Build(["--urls", "http://127.0.0.1:0", $"--Olist:DataDirectory={data.Root}", $"--{projectSetting}={project}", "--Olist:Schedule:Paused=true"]);
        await _app.StartAsync();
        _client.BaseAddress = _app.ListeningAddress();
        await ReadyProbe.WaitUntilReadyAsync(_client, _app.ListeningAddress());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAndDisposeAsync();

        _client.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task The_API_lists_the_new_KPI_and_serves_its_rows_for_every_order_and_a_range()
    {
        using var listing = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/kpis", UriKind.Relative)));
        var kpi = listing.RootElement.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "order-status");
        var all = await RowsAsync("/api/kpis/order-status");
        var range = await RowsAsync("/api/kpis/order-status?from=2017-01-01&to=2017-06-30");

        Assert.Equal(10, listing.RootElement.GetArrayLength());
        Assert.Equal("Orders by status", kpi.GetProperty("title").GetString());
        Assert.Equal("Every order purchased in the range by its status, with its share of all of them.", kpi.GetProperty("definition").GetString());
        Assert.Equal(Columns, kpi.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["from", "to"], kpi.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.All(all.Concat(range), row => Assert.Equal(Columns, row.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(await warehouse.CountAsync("SELECT COUNT(*) FROM marts.fact_orders"), all.Sum(r => r.GetProperty("orders").GetInt64()));
        Assert.Equal(
            await warehouse.CountAsync("SELECT COUNT(*) FROM marts.fact_orders WHERE purchase_date BETWEEN DATE '2017-01-01' AND DATE '2017-06-30'"),
            range.Sum(r => r.GetProperty("orders").GetInt64()));
        Assert.Equal(all.Select(r => r.GetProperty("orders").GetInt64()).OrderDescending(), all.Select(r => r.GetProperty("orders").GetInt64()));
        Assert.Equal(100, all.Sum(r => r.GetProperty("share_pct").GetDouble()), precision: 6);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_its_rows_with_the_words_and_types_of_its_yaml()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var row = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("KpiRow.order-status");
        var properties = row.GetProperty("properties");
        Assert.Equal(Columns, properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Orders with the status.", properties.GetProperty("orders").GetProperty("description").GetString());
        Assert.Equal(("integer", "int64"), (properties.GetProperty("orders").GetProperty("type").GetString(), properties.GetProperty("orders").GetProperty("format").GetString()));
        Assert.Equal(["null", "string"], properties.GetProperty("status").GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
        var name = document.RootElement.GetProperty("paths").GetProperty("/api/kpis/{name}").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "name");
        Assert.Contains("order-status", name.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task The_glossary_shows_its_definition_and_every_column_description()
    {
        var page = await _client.GetStringAsync(new Uri("/glossary", UriKind.Relative));

        Assert.Contains("data-kpi=\"order-status\"", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Every order purchased in the range by its status, with its share of all of them."), page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("100 times the orders with the status over all orders."), page, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> RowsAsync(string url)
    {
        using var rows = JsonDocument.Parse(await _client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return [.. rows.RootElement.EnumerateArray().Select(r => r.Clone())];
    }
}
