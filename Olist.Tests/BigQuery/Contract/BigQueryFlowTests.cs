namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// The whole flow, load then build then a KPI, with BigQuery as the warehouse on the discovery-checking fake, beside a
/// DuckDB twin that runs the same flow on the same generated files. The fake executes no SQL, so the KPI rows BigQuery
/// would compute are answered from the twin's KPI table: what this proves is that every request of the flow is valid,
/// that the jobs come in the flow's order, that both warehouses load the same rows through the same strict reader, and
/// that rows coming back from BigQuery map to the same KPI records; it does not prove that BigQuery computes those rows.
/// </summary>
public sealed class BigQueryFlowTests : FakeBigQueryTests, IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Load_build_and_a_kpi_run_on_BigQuery_in_order_with_the_rows_of_a_DuckDB_twin()
    {
        var source = _root.Combine("generated");
        using var twin = TestPipeline.Create(_root.Combine("duckdb"));
        await twin.GetRequiredService<OlistGenerator>().GenerateAsync(new GenerationOptions(0.01, 5, source, new DateOnly(2018, 10, 17)), null, CancellationToken.None);
        var twinLoads = await twin.GetRequiredService<IRawLoader>().LoadAsync(source, ShrinkGuard.Default, null, CancellationToken.None);
        Assert.True((await twin.GetRequiredService<TransformProject>().BuildAsync(new BuildRequest(), null, CancellationToken.None)).Succeeded);
        var twinTrends = await twin.GetRequiredService<IKpiService>().SalesTrendsAsync(TimeGrain.Month, new DateRange(null, null), CancellationToken.None);
        Fake.Answer = sql => sql.StartsWith("SELECT period, orders, revenue, freight, payments, aov FROM `olist_ci.kpi_sales_trends`", StringComparison.Ordinal) ? Cells(twinTrends) : null;
        using var services = TestPipeline.Create(_root.Combine("bigquery"), Fake.WarehouseSettings("olist_ci"));

        var loads = await services.GetRequiredService<IRawLoader>().LoadAsync(source, ShrinkGuard.Default, null, CancellationToken.None);
        var loadCalls = Fake.Calls.Count;
        var build = await services.GetRequiredService<TransformProject>().BuildAsync(new BuildRequest(), null, CancellationToken.None);
        var buildCalls = Fake.Calls.Count;
        var trends = await services.GetRequiredService<IKpiService>().SalesTrendsAsync(TimeGrain.Month, new DateRange(null, null), CancellationToken.None);

        Assert.Equal(twinLoads.Select(l => (l.Table, l.RowsRead, l.RowsLoaded, l.RowsQuarantined)), loads.Select(l => (l.Table, l.RowsRead, l.RowsLoaded, l.RowsQuarantined)));
        var uploadedRows = Fake.Uploads.Values.Select(b => Encoding.UTF8.GetString(b)).Where(u => !u.StartsWith('{')).Sum(u => u.Count(c => c == '\n'));
        Assert.True(uploadedRows >= loads.Sum(l => l.RowsLoaded), $"{uploadedRows} uploaded lines for {loads.Sum(l => l.RowsLoaded)} rows");
        Assert.Equal(loads.Count(l => l.RowsQuarantined > 0), Fake.Uploads.Values.Count(b => b.Length > 0 && b[0] == (byte)'{'));
        Assert.True(build.Succeeded, string.Join("; ", build.Results.Where(r => r.Status is RunStatus.Error or RunStatus.Fail).Select(r => $"{r.Name}: {r.Message}")));
        Assert.Equal(twin.GetRequiredService<TransformProject>().PlanQueries(Pipeline.Transform.Rendering.Dialects.TargetWarehouse.DuckDb, null, null).Count(q => q.Kind == NodeKind.Model), build.Models.Count());
        Assert.All(Fake.Calls.Take(loadCalls), c => Assert.DoesNotContain("kpi_", c.Body ?? string.Empty, StringComparison.Ordinal));
        Assert.Single(Fake.Calls.Skip(buildCalls), c => c.Method == "bigquery.jobs.query");
        Assert.NotEmpty(twinTrends);
        Assert.Equal(twinTrends, trends);
    }

    /// <summary>The twin's rows as BigQuery sends them: every cell text, in the KPI query's column order.</summary>
    private static FakeQuery Cells(IReadOnlyList<SalesTrendRow> rows) => new(
        """{"fields":[{"name":"period","type":"STRING"},{"name":"orders","type":"INTEGER"},{"name":"revenue","type":"NUMERIC"},{"name":"freight","type":"NUMERIC"},{"name":"payments","type":"NUMERIC"},{"name":"aov","type":"FLOAT"}]}""",
        _ => [.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["f"] = new JsonArray(
                Cell(r.Period),
                Cell(r.Orders.ToString(CultureInfo.InvariantCulture)),
                Cell(r.Revenue.ToString(CultureInfo.InvariantCulture)),
                Cell(r.Freight.ToString(CultureInfo.InvariantCulture)),
                Cell(r.Payments.ToString(CultureInfo.InvariantCulture)),
                Cell(r.Aov?.ToString("R", CultureInfo.InvariantCulture))),
        })]);

    private static JsonObject Cell(string? value) => new() { ["v"] = value };
}
