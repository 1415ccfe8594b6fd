namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// The BigQuery SQL the warehouse sends besides the models, tests and KPI reads (which the dialect proof covers): the
/// load's transaction, the stream's MERGEs (accepted rows, dead letters, outcomes) and its reads of the batch data, the new-data check, the source status and the publishers' catalog, each captured as the real
/// component sent it to the fake, with its parameters' types, and analyzed by ZetaSQL in BigQuery's mode over the raw
/// tables' catalog and the staging tables those statements read.
/// </summary>
public sealed class BigQueryWarehouseSqlProofTests(ITestOutputHelper output) : FakeBigQueryTests, IDisposable
{
    private const string Dataset = "olist";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Every_statement_the_BigQuery_warehouse_sends_besides_the_models_analyzes_with_ZetaSQL()
    {
        var source = Directory.CreateDirectory(_data.Combine("source")).FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "olist_sellers_dataset.csv"), "\"seller_id\",\"seller_zip_code_prefix\",\"seller_city\",\"seller_state\"\na,\"13023\",campinas,SP\nb,1,2,3,4\n");
        using var services = TestPipeline.Create(_data.Combine("data"), Fake.WarehouseSettings(Dataset));
        await services.GetRequiredService<IRawLoader>().LoadAsync(source, ShrinkGuard.Default, null, CancellationToken.None);
        await new BigQueryStreamBatchWriter(services.GetRequiredService<BigQueryWarehouse>())
            .WriteAsync(
                BigQueryStreamBatchWriterTests.Plan(
                    3, BigQueryStreamBatchWriterTests.Accepted("m-1", "order-1"), BigQueryStreamBatchWriterTests.Duplicate("m-2", "order-1"), BigQueryStreamBatchWriterTests.DeadLetter("m-3", [0xff])),
                DateTimeOffset.UnixEpoch,
                CancellationToken.None);
        var reference = new BigQueryStreamReference(services.GetRequiredService<BigQueryWarehouse>());
        await reference.LoadIdsAsync(new StreamState(), CancellationToken.None);
        await reference.ReadBatchOrdersAsync(["order-1"], CancellationToken.None);
        var check = services.GetRequiredService<INewDataCheck>();
        await check.CountOrdersAsync(new DateOnly(2018, 3, 5), CancellationToken.None);
        await check.CountByDayAsync(new DateOnly(2018, 3, 1), new DateOnly(2018, 3, 31), CancellationToken.None);
        await services.GetRequiredService<ISourceStatusReader>().ReadAsync(CancellationToken.None);
        // The fake answers no rows, so the catalog read ends with its no-catalog error once it has sent both statements.
        await Assert.ThrowsAsync<PipelineException>(() => services.GetRequiredService<ILiveCatalogReader>().ReadAsync(10, CancellationToken.None));
        var scripts = Fake.Calls
            .Where(c => c.Method == "bigquery.jobs.query")
            .Select(c => JsonNode.Parse(c.Body!)!)
            .Select((body, i) => new SqlScript(
                $"statement {i + 1}: {body["query"]!.GetValue<string>().Split('\n')[0]}",
                body["query"]!.GetValue<string>(),
                body["queryParameters"]?.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => TypeOf(p!["parameterType"]!), StringComparer.Ordinal)))
            .ToList();
        var raw = await RawTableCatalog.CreateAsync(new BigQueryDialect(Dataset), _data.Path, CancellationToken.None);

        var report = await ZetaSql.RunAsync([.. raw, .. StagingTables(raw)], scripts, CancellationToken.None);

        output.WriteLine($"ZetaSQL analyzed {report.Statements} statements of {scripts.Count} scripts");
        var failures = report.Results.Where(r => r.Error is not null).Select(r => $"{r.Name}:\n{r.Error}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} scripts do not analyze:\n\n{string.Join("\n\n", failures)}");
        Assert.Equal(9, scripts.Count);
        Assert.Equal(7 + 8 + 2 + 3 + 2, report.Statements);
    }

    /// <summary>A query parameter's type as ZetaSQL's input names it: <c>STRING</c>, <c>ARRAY&lt;STRING&gt;</c>.</summary>
    private static string TypeOf(JsonNode type) =>
        type["arrayType"] is { } element ? $"ARRAY<{TypeOf(element)}>" : type["type"]!.GetValue<string>();

    /// <summary>The tables the statements read that only a load or a batch leaves for a moment: each staged like the table it fills.</summary>
    private static IEnumerable<CatalogTable> StagingTables(IReadOnlyList<CatalogTable> raw)
    {
        CatalogTable Of(string name) => raw.Single(t => t.Name == $"{Dataset}.{name}");
        var sellers = Of("raw_sellers");
        yield return new($"{Dataset}.raw_sellers__staging", [new("_line_number", "INT64"), .. sellers.Columns.Where(c => !c.Name.StartsWith('_'))]);
        yield return Of("raw__quarantine") with { Name = $"{Dataset}.raw__quarantine__sellers" };
        foreach (var stream in new[] { "orders", "order_items", "order_payments", "customers", "dead_letters", "outcomes" })
        {
            yield return Of($"raw_stream_{stream}") with { Name = $"{Dataset}.raw_stream_{stream}__commit_3" };
        }
    }
}
