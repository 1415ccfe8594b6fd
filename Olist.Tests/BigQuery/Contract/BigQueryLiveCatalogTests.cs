namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// The publishers' catalog (<c>GET /api/events/catalog</c>, the live demo) with <c>Provider = BigQuery</c>: read from
/// the dataset's raw tables by two jobs.query requests with an INT64 <c>@limit</c>, on the discovery-checking fake. The
/// fake runs no SQL (the ZetaSQL proof analyzes the two statements); this proves the requests and the mapping of
/// BigQuery's answer (NUMERIC prices, a REPEATED seller list, NULL address parts) to the catalog, and the errors.
/// </summary>
public sealed class BigQueryLiveCatalogTests : FakeBigQueryTests, IDisposable
{
    private const string Dataset = "olist_ci";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_catalog_is_read_from_the_BigQuery_raw_tables_with_the_size_as_a_parameter_and_mapped_to_the_live_catalog()
    {
        Fake.Answer = sql => sql.Contains("array_agg(distinct seller_id", StringComparison.Ordinal) ? Products
            : sql.Contains("farm_fingerprint(customer_id)", StringComparison.Ordinal) ? Customers
            : null;
        using var duck = TestPipeline.Create(_data.Combine("duck"));
        using var services = TestPipeline.Create(_data.Path, Fake.WarehouseSettings(Dataset));
        var reader = services.GetRequiredService<ILiveCatalogReader>();

        var catalog = await reader.ReadAsync(2, CancellationToken.None);

        Assert.IsType<DuckDbLiveCatalogReader>(duck.GetRequiredService<ILiveCatalogReader>());
        Assert.IsType<BigQueryLiveCatalogReader>(reader);
        Assert.Equal(
            [("p-1", 10.5m, 99.99m, "s-1,s-2"), ("p-2", 7m, 7m, "s-3")],
            catalog.Products.Select(p => (p.ProductId, p.MinPrice, p.MaxPrice, string.Join(',', p.SellerIds))));
        Assert.Equal([new CatalogCustomer("c-1", "u-1", "01310", "sao paulo", "SP"), new CatalogCustomer("c-2", "u-2", null, null, null)], catalog.Customers);
        var bodies = Fake.Calls.Where(c => c.Method == "bigquery.jobs.query").Select(c => JsonNode.Parse(c.Body!)!).ToList();
        Assert.Equal(2, bodies.Count);
        var products = bodies[0]["query"]!.GetValue<string>();
        foreach (var table in (string[])["raw_order_items", "raw_products", "raw_sellers"])
        {
            Assert.Contains($"`{Dataset}.{table}`", products, StringComparison.Ordinal);
        }

        Assert.Contains($"from `{Dataset}.raw_customers`", bodies[1]["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(bodies, b => Assert.EndsWith("limit @limit", b["query"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.Equal("NAMED", b["parameterMode"]!.GetValue<string>()));
        Assert.All(bodies, b => Assert.Equal("""[{"name":"limit","parameterType":{"type":"INT64"},"parameterValue":{"value":"2"}}]""", b["queryParameters"]!.ToJsonString()));
    }

    [Fact]
    public async Task A_dataset_without_raw_tables_or_without_sold_products_says_so_as_the_DuckDB_reader_does()
    {
        using var services = TestPipeline.Create(_data.Path, Fake.WarehouseSettings(Dataset));
        var reader = services.GetRequiredService<ILiveCatalogReader>();

        Fake.FailNext("jobs.query", new FakeBigQueryServer.Failure(404, "notFound", "NOT_FOUND"));
        var missing = await Assert.ThrowsAsync<PipelineException>(() => reader.ReadAsync(10, CancellationToken.None));
        Fake.Answer = sql => sql.Contains("farm_fingerprint(customer_id)", StringComparison.Ordinal) ? Customers : null;
        var empty = await Assert.ThrowsAsync<PipelineException>(() => reader.ReadAsync(10, CancellationToken.None));

        Assert.Equal($"The warehouse BigQuery {FakeBigQueryServer.Project}.{Dataset} has no loaded catalog yet; load the Olist files first.", missing.Message);
        Assert.Equal($"The warehouse BigQuery {FakeBigQueryServer.Project}.{Dataset} has no sold products or no customers to generate live orders from.", empty.Message);
    }

    private static FakeQuery Products { get; } = new(
        """{"fields":[{"name":"product_id","type":"STRING"},{"name":"min_price","type":"NUMERIC"},{"name":"max_price","type":"NUMERIC"},{"name":"seller_ids","type":"STRING","mode":"REPEATED"}]}""",
        _ => [Row(Cell("p-1"), Cell("10.5"), Cell("99.99"), List("s-1", "s-2")), Row(Cell("p-2"), Cell("7"), Cell("7"), List("s-3"))]);

    private static FakeQuery Customers { get; } = new(
        """{"fields":[{"name":"customer_id","type":"STRING"},{"name":"customer_unique_id","type":"STRING"},{"name":"customer_zip_code_prefix","type":"STRING"},{"name":"customer_city","type":"STRING"},{"name":"customer_state","type":"STRING"}]}""",
        _ => [Row(Cell("c-1"), Cell("u-1"), Cell("01310"), Cell("sao paulo"), Cell("SP")), Row(Cell("c-2"), Cell("u-2"), Cell(null), Cell(null), Cell(null))]);

    private static JsonObject Row(params JsonNode[] cells) => new() { ["f"] = new JsonArray(cells) };

    private static JsonObject Cell(string? value) => new() { ["v"] = value };

    private static JsonObject List(params string[] values) => new() { ["v"] = new JsonArray([.. values.Select(v => (JsonNode)Cell(v))]) };
}
