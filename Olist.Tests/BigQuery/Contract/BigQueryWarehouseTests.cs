using Olist.Pipeline.Transform.Artifacts;

namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// BigQuery as the warehouse (<c>Olist:Warehouse:Provider = BigQuery</c>) through the pipeline's one registration, on the
/// fake that checks every request against Google's discovery document. The fake runs no SQL: it keeps a catalog of the
/// relations the statements create and drop, and answers queries with the shapes a test scripts. What these tests prove
/// is the requests (valid per the discovery document), the order of the jobs, and what the engine does with BigQuery's
/// answers (a failed audit publishes nothing); that BigQuery computes the same rows is not proven here.
/// </summary>
public sealed class BigQueryWarehouseTests : FakeBigQueryTests, IDisposable
{
    private const string Dataset = "olist_ci";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void DuckDb_stays_the_default_BigQuery_is_chosen_by_its_provider_and_any_other_is_refused_by_name()
    {
        using var duck = TestPipeline.Create(_data.Path);
        using var big = Pipeline();

        Assert.IsType<DuckDbWarehouse>(duck.GetRequiredService<IWarehouse>());
        Assert.IsType<DuckDbKpiReader>(duck.GetRequiredService<IKpiReader>());
        var warehouse = Assert.IsType<BigQueryWarehouse>(big.GetRequiredService<IWarehouse>());
        Assert.Equal($"{FakeBigQueryServer.Project}.{Dataset}", warehouse.Location);
        Assert.IsType<BigQueryKpiReader>(big.GetRequiredService<IKpiReader>());
        var refused = Assert.Throws<PipelineException>(() => TestPipeline.Create(_data.Path, new Dictionary<string, string?> { ["Olist:Warehouse:Provider"] = "Snowflake" }));
        Assert.Equal("Olist:Warehouse:Provider 'Snowflake' is not a warehouse; use 'DuckDb' or 'BigQuery'.", refused.Message);
        Assert.Empty(Fake.Calls);
    }

    [Fact]
    public async Task A_build_runs_every_model_and_test_as_BigQuery_jobs_in_graph_order_and_records_the_bytes_each_model_processed()
    {
        Fake.Answer = sql => sql.StartsWith("CREATE OR REPLACE TABLE `olist_ci.dim_products`", StringComparison.Ordinal) ? Processed(7_340_032) : null;
        using var services = Pipeline();
        var engine = services.GetRequiredService<TransformProject>();

        var summary = await engine.BuildAsync(new BuildRequest(), progress: null, CancellationToken.None);

        Assert.True(summary.Succeeded, string.Join("; ", summary.Results.Where(r => r.Status is not (RunStatus.Success or RunStatus.Pass)).Select(r => $"{r.Name}: {r.Message}")));
        Assert.True(Fake.HasDataset(Dataset));
        var statements = Fake.Statements.ToList();
        var built = summary.Models.Select(m => m.Name).ToList();
        var created = statements.Select(CreatedModel).OfType<string>().Where(built.Contains).Distinct().ToList();
        Assert.Equal(built, created);
        Assert.Equal(summary.Tests.Count(), statements.Count(s => s.StartsWith("SELECT count(*) FROM (", StringComparison.Ordinal)));
        Assert.All(summary.Models, m => Assert.NotNull(Fake.KindOf(Dataset, m.Name)));
        Assert.Null(Fake.KindOf(Dataset, "fact_sales__audit"));

        var results = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_data.Path, "target", ArtifactWriter.RunResultsFile)))!["results"]!.AsArray();
        var products = results.Single(r => r!["name"]!.GetValue<string>() == "dim_products")!;
        Assert.Equal(7_340_032, products["bytes_processed"]!.GetValue<long>());
        Assert.All(results, r => Assert.NotNull(r!["bytes_processed"]));
    }

    [Fact]
    public async Task A_failed_audit_publishes_nothing_keeps_the_audited_rows_and_skips_what_reads_the_model()
    {
        using var services = Pipeline();
        var engine = services.GetRequiredService<TransformProject>();
        Assert.True((await engine.BuildAsync(new BuildRequest(), progress: null, CancellationToken.None)).Succeeded);
        var before = Fake.Statements.Count;
        Fake.Answer = sql => sql.StartsWith("SELECT count(*) FROM (", StringComparison.Ordinal) && sql.Contains("`olist_ci.fact_sales__audit`", StringComparison.Ordinal)
            ? Count(3)
            : null;

        var summary = await engine.BuildAsync(new BuildRequest("fact_sales+"), progress: null, CancellationToken.None);

        var factSales = summary.Models.Single(m => m.Name == "fact_sales");
        Assert.Equal(RunStatus.Error, factSales.Status);
        Assert.Contains("audit failed", factSales.Message, StringComparison.Ordinal);
        Assert.All(summary.Models.Where(m => m.Name != "fact_sales"), m => Assert.Equal(RunStatus.Skipped, m.Status));
        var statements = Fake.Statements.Skip(before).ToList();
        Assert.Contains(statements, s => s.StartsWith("CREATE OR REPLACE TABLE `olist_ci.fact_sales__audit`", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains("`olist_ci.fact_sales` COPY", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.StartsWith("CREATE OR REPLACE TABLE `olist_ci.fact_sales`", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.StartsWith("DROP TABLE `olist_ci.fact_sales`", StringComparison.Ordinal));
        Assert.Equal("TABLE", Fake.KindOf(Dataset, "fact_sales"));
        Assert.Equal("TABLE", Fake.KindOf(Dataset, "fact_sales__audit"));
    }

    [Fact]
    public async Task A_passing_audit_publishes_by_one_table_copy_and_drops_the_audit_table()
    {
        using var services = Pipeline();
        var engine = services.GetRequiredService<TransformProject>();

        var summary = await engine.BuildAsync(new BuildRequest("+fact_sales"), progress: null, CancellationToken.None);

        Assert.True(summary.Succeeded);
        var statements = Fake.Statements.ToList();
        var write = statements.FindIndex(s => s.StartsWith("CREATE OR REPLACE TABLE `olist_ci.fact_sales__audit`", StringComparison.Ordinal));
        var audits = statements.FindIndex(s => s.Contains("`olist_ci.fact_sales__audit`", StringComparison.Ordinal) && s.StartsWith("SELECT count(*)", StringComparison.Ordinal));
        var publish = statements.FindIndex(s => s == "CREATE OR REPLACE TABLE `olist_ci.fact_sales` COPY `olist_ci.fact_sales__audit`");
        var drop = statements.FindIndex(s => s == "DROP TABLE `olist_ci.fact_sales__audit`");
        Assert.True(write >= 0 && write < audits && audits < publish && publish < drop, $"write {write}, first audit {audits}, publish {publish}, drop {drop}");
        Assert.Equal("TABLE", Fake.KindOf(Dataset, "fact_sales"));
        Assert.Null(Fake.KindOf(Dataset, "fact_sales__audit"));
    }

    [Fact]
    public async Task A_day_is_audited_then_replaced_by_one_transaction_whose_rows_come_from_its_statements()
    {
        using var services = Pipeline();
        var engine = services.GetRequiredService<TransformProject>();
        Assert.True((await engine.BuildAsync(new BuildRequest("+fact_sales"), progress: null, CancellationToken.None)).Succeeded);
        var before = Fake.Statements.Count;
        Fake.AffectedRows = statement => statement.StartsWith("INSERT", StringComparison.Ordinal) ? 412 : 398;

        var summary = await engine.BuildAsync(new BuildRequest("fact_sales", Ds: new DateOnly(2018, 3, 5)), progress: null, CancellationToken.None);

        Assert.True(summary.Succeeded, string.Join("; ", summary.Results.Select(r => $"{r.Name}: {r.Message}")));
        var statements = Fake.Statements.Skip(before).ToList();
        var transaction = Assert.Single(statements, s => s.StartsWith("BEGIN TRANSACTION;", StringComparison.Ordinal));
        Assert.Matches(
            @"^BEGIN TRANSACTION;\nDELETE FROM `olist_ci.fact_sales` WHERE ds = DATE '2018-03-05' OR ds IN \(SELECT DISTINCT ds FROM `olist_ci.fact_sales__audit`\);\nINSERT INTO `olist_ci.fact_sales` SELECT \* FROM `olist_ci.fact_sales__audit`;\nCOMMIT TRANSACTION;$",
            transaction);
        Assert.Contains(Fake.Calls, c => c.Method == "bigquery.jobs.list" && c.PathAndQuery.Contains("parentJobId=", StringComparison.Ordinal));
        Assert.Equal(412, summary.Models.Single().RowsAffected);
        Assert.DoesNotContain(statements, s => s.StartsWith("CREATE OR REPLACE TABLE `olist_ci.fact_sales`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_write_audit_publish_steps_of_a_day_run_one_by_one_and_publishing_an_unwritten_day_is_refused()
    {
        using var services = Pipeline();
        var engine = services.GetRequiredService<TransformProject>();
        Assert.True((await engine.BuildAsync(new BuildRequest("+fact_sales"), progress: null, CancellationToken.None)).Succeeded);
        var day = new WriteAuditPublishRequest("fact_sales", new DateOnly(2018, 3, 5));

        var unwritten = await engine.PublishAsync(day, CancellationToken.None);
        var before = Fake.Statements.Count;
        var written = await engine.WriteAuditAsync(day, CancellationToken.None);
        var audit = await engine.AuditAsync(day, CancellationToken.None);
        var published = await engine.PublishAsync(day, CancellationToken.None);

        Assert.Equal(RunStatus.Error, unwritten.Status);
        Assert.Equal("olist_ci.fact_sales__audit does not exist: write the audit relation of fact_sales before auditing or publishing it.", unwritten.Message);
        Assert.Equal((RunStatus.Success, RunStatus.Success), (written.Status, published.Status));
        Assert.True(audit.Succeeded);
        var statements = Fake.Statements.Skip(before).ToList();
        Assert.StartsWith("CREATE OR REPLACE TABLE `olist_ci.fact_sales__audit`", statements.First(s => s.StartsWith("CREATE OR REPLACE", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(statements, s => s.StartsWith("BEGIN TRANSACTION;\nDELETE FROM `olist_ci.fact_sales` WHERE ds = DATE '2018-03-05'", StringComparison.Ordinal));
        Assert.Equal("DROP TABLE `olist_ci.fact_sales__audit`", statements[^1]);
    }

    [Fact]
    public async Task The_daily_builds_new_data_check_counts_orders_per_day_on_BigQuery_with_the_days_as_parameters()
    {
        Fake.Answer = sql => sql.Contains("GROUP BY day", StringComparison.Ordinal)
            ? new FakeQuery("""{"fields":[{"name":"day","type":"DATE"},{"name":"orders","type":"INTEGER"}]}""", _ => [Row("2018-03-05", "412"), Row("2018-03-06", "17")])
            : sql.Contains("STARTS_WITH(TRIM(order_purchase_timestamp), @day)", StringComparison.Ordinal) ? Count(412) : null;
        using var services = Pipeline();
        var check = services.GetRequiredService<INewDataCheck>();

        var orders = await check.CountOrdersAsync(new DateOnly(2018, 3, 5), CancellationToken.None);
        var days = await check.CountByDayAsync(new DateOnly(2018, 3, 1), new DateOnly(2018, 3, 31), CancellationToken.None);
        Fake.FailNext("jobs.query", new FakeBigQueryServer.Failure(404, "notFound", "NOT_FOUND"));
        var missing = await Assert.ThrowsAsync<PipelineException>(() => check.CountOrdersAsync(new DateOnly(2018, 3, 5), CancellationToken.None));

        Assert.Equal(412, orders);
        Assert.Equal(new Dictionary<DateOnly, long> { [new DateOnly(2018, 3, 5)] = 412, [new DateOnly(2018, 3, 6)] = 17 }, days);
        var bodies = Fake.Calls.Where(c => c.Method == "bigquery.jobs.query" && c.Status == 200).Select(c => JsonNode.Parse(c.Body!)!).ToList();
        Assert.All(bodies, b => Assert.Contains("FROM `olist_ci.raw_orders`\n    UNION ALL\n    SELECT order_id, order_purchase_timestamp FROM `olist_ci.raw_stream_orders`", b["query"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("""[{"name":"day","parameterType":{"type":"STRING"},"parameterValue":{"value":"2018-03-05"}}]""", bodies[0]["queryParameters"]!.ToJsonString());
        Assert.Equal("""[{"name":"from","parameterType":{"type":"STRING"},"parameterValue":{"value":"2018-03-01"}},{"name":"to","parameterType":{"type":"STRING"},"parameterValue":{"value":"2018-03-31"}}]""", bodies[1]["queryParameters"]!.ToJsonString());
        Assert.Equal("BigQuery olist-fake.olist_ci has no raw_orders or raw_stream_orders table: load the Olist CSV files first.", missing.Message);
    }

    [Fact]
    public async Task Kpis_are_read_from_BigQuery_with_typed_parameters_and_kept_until_the_models_change()
    {
        Fake.Answer = sql => sql.Contains("FROM `olist_ci.kpi_sales_trends`", StringComparison.Ordinal) ? SalesTrends : null;
        using var services = Pipeline();
        var kpis = services.GetRequiredService<IKpiService>();
        var all = new DateRange(null, null);

        var first = await kpis.SalesTrendsAsync(TimeGrain.Month, all, CancellationToken.None);
        var cached = await kpis.SalesTrendsAsync(TimeGrain.Month, all, CancellationToken.None);
        services.GetRequiredService<IWarehouse>().ModelsChanged();
        await kpis.SalesTrendsAsync(TimeGrain.Month, all, CancellationToken.None);

        Assert.Equal([new SalesTrendRow("2018-01", 7269, 1107301.89m, 163441.27m, 1115004.18m, 152.33), new SalesTrendRow("2018-02", 6728, 986908.96m, 158977.45m, 992463.34m, null)], first);
        Assert.Equal(first, cached);
        var reads = Fake.Calls.Where(c => c.Method == "bigquery.jobs.query").ToList();
        Assert.Equal(2, reads.Count);
        var body = JsonNode.Parse(reads[0].Body!)!;
        Assert.Equal("SELECT period, orders, revenue, freight, payments, aov FROM `olist_ci.kpi_sales_trends` WHERE grain = @grain ORDER BY period", body["query"]!.GetValue<string>());
        Assert.Equal("NAMED", body["parameterMode"]!.GetValue<string>());
        Assert.Equal("""[{"name":"grain","parameterType":{"type":"STRING"},"parameterValue":{"value":"month"}}]""", body["queryParameters"]!.ToJsonString());
    }

    [Fact]
    public async Task A_kpi_range_runs_the_models_own_BigQuery_sql_and_a_missing_kpi_table_says_to_build()
    {
        // BigQuery answers a query with its schema even when no row matches.
        Fake.Answer = sql => sql.Contains(") AS kpi_top_products WHERE", StringComparison.Ordinal) ? NoTopProducts : null;
        using var services = Pipeline();
        var kpis = services.GetRequiredService<IKpiService>();

        Assert.Empty(await kpis.TopProductsAsync(TimeGrain.Year, 5, new DateRange(new DateOnly(2018, 1, 1), new DateOnly(2018, 3, 31)), CancellationToken.None));
        Fake.FailNext("jobs.query", new FakeBigQueryServer.Failure(404, "notFound", "NOT_FOUND"));
        var missing = await Assert.ThrowsAsync<PipelineException>(() => kpis.SatisfactionAsync(new DateRange(null, null), CancellationToken.None));

        var body = JsonNode.Parse(Fake.Calls.First(c => c.Method == "bigquery.jobs.query").Body!)!;
        var sql = body["query"]!.GetValue<string>();
        Assert.StartsWith("SELECT period, rank, product_id, category, units, revenue FROM (", sql, StringComparison.Ordinal);
        Assert.Contains("`olist_ci.kpi_sales_items`", sql, StringComparison.Ordinal);
        Assert.Contains("DATE '2018-03-31'", sql, StringComparison.Ordinal);
        Assert.EndsWith(") AS kpi_top_products WHERE grain = @grain AND rank <= @top ORDER BY period, rank", sql, StringComparison.Ordinal);
        Assert.Equal("""[{"name":"grain","parameterType":{"type":"STRING"},"parameterValue":{"value":"year"}},{"name":"top","parameterType":{"type":"INT64"},"parameterValue":{"value":"5"}}]""", body["queryParameters"]!.ToJsonString());
        Assert.Equal("The KPI table `olist_ci.kpi_satisfaction` is missing from BigQuery olist-fake.olist_ci: run 'build' first.", missing.Message);
    }

    [Fact]
    public async Task A_load_uploads_the_readable_rows_and_the_quarantine_by_load_jobs_then_replaces_table_quarantine_and_history_in_one_transaction()
    {
        var source = Directory.CreateDirectory(Path.Combine(_data.Path, "source")).FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "olist_sellers_dataset.csv"), """
            "seller_id","seller_zip_code_prefix","seller_city","seller_state"
            "3442f8959a84dea7ee197c632cb2df15","13023",campinas,SP
            d1b65fc7debc3361ea86b5f14c68d2e2,"13844",mogi guacu,SP,extra
            ce3ad9de960102d0677a81f5d0bb7b2d,"20031",,RJ

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var services = Pipeline();

        var result = Assert.Single(await services.GetRequiredService<IRawLoader>().LoadAsync(source, ShrinkGuard.Default, progress: null, CancellationToken.None));

        Assert.Equal(("sellers", 3L, 2L, 1L), (result.Table, result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        var uploads = Fake.Calls.Where(c => c.Method == "bigquery.jobs.insert" && c.PathAndQuery.StartsWith("/upload/", StringComparison.Ordinal)).Select(c => JsonNode.Parse(c.Body!)!).ToList();
        Assert.Equal(["raw_sellers__staging", "raw__quarantine__sellers"], uploads.Select(u => u["configuration"]!["load"]!["destinationTable"]!["tableId"]!.GetValue<string>()));
        Assert.All(uploads, u => Assert.Equal("WRITE_TRUNCATE", u["configuration"]!["load"]!["writeDisposition"]!.GetValue<string>()));
        Assert.Equal("CSV", uploads[0]["configuration"]!["load"]!["sourceFormat"]!.GetValue<string>());
        var media = Fake.Uploads.Values.Select(b => System.Text.Encoding.UTF8.GetString(b)).ToList();
        Assert.Contains("2,\"3442f8959a84dea7ee197c632cb2df15\",\"13023\",campinas,SP\n4,ce3ad9de960102d0677a81f5d0bb7b2d,\"20031\",,RJ\n", media);
        var quarantine = JsonNode.Parse(Assert.Single(media, m => m.StartsWith('{')))!;
        Assert.Equal(("sellers", "3"), (quarantine["table_name"]!.GetValue<string>(), quarantine["line_number"]!.GetValue<string>()));
        Assert.Equal("d1b65fc7debc3361ea86b5f14c68d2e2,\"13844\",mogi guacu,SP,extra", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(quarantine["raw_bytes"]!.GetValue<string>())));

        var transaction = Assert.Single(Fake.Statements, s => s.StartsWith("BEGIN TRANSACTION", StringComparison.Ordinal));
        Assert.Equal(
            """
            BEGIN TRANSACTION;
            DELETE FROM `olist_ci.raw_sellers` WHERE TRUE;
            INSERT INTO `olist_ci.raw_sellers` (`seller_id`, `seller_zip_code_prefix`, `seller_city`, `seller_state`, _source_file, _line_number, _loaded_at)
            SELECT NULLIF(`seller_id`, ''), NULLIF(`seller_zip_code_prefix`, ''), NULLIF(`seller_city`, ''), NULLIF(`seller_state`, ''), @source_file, _line_number, @loaded_at FROM `olist_ci.raw_sellers__staging`;
            DELETE FROM `olist_ci.raw__quarantine` WHERE table_name = @table_name;
            INSERT INTO `olist_ci.raw__quarantine` SELECT * FROM `olist_ci.raw__quarantine__sellers`;
            INSERT INTO `olist_ci.raw__loads` VALUES (@table_name, @source_file, @rows_read, @rows_loaded, @rows_quarantined, @loaded_at, @elapsed_ms);
            COMMIT TRANSACTION;
            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            transaction);
        var parameters = JsonNode.Parse(Fake.Calls.Single(c => c.Body?.Contains("BEGIN TRANSACTION", StringComparison.Ordinal) == true).Body!)!["queryParameters"]!.AsArray();
        Assert.Equal("2", parameters.Single(p => p!["name"]!.GetValue<string>() == "rows_loaded")!["parameterValue"]!["value"]!.GetValue<string>());
        Assert.All(["raw_stream_orders", "raw_stream_order_items", "raw_stream_order_payments", "raw_stream_customers"], t => Assert.Equal("TABLE", Fake.KindOf(Dataset, t)));
        Assert.Equal("TABLE", Fake.KindOf(Dataset, "raw__loads"));
        Assert.Null(Fake.KindOf(Dataset, "raw_sellers__staging"));
        Assert.Null(Fake.KindOf(Dataset, "raw__quarantine__sellers"));
    }

    [Fact]
    public async Task The_source_status_comes_from_the_BigQuery_load_history_and_nothing_is_loaded_before_it_exists()
    {
        using var services = Pipeline();
        var reader = services.GetRequiredService<ISourceStatusReader>();
        var before = await reader.ReadAsync(CancellationToken.None);
        Fake.AddTable(Dataset, "raw__loads", 0, ("table_name", "STRING"));
        Fake.Answer = sql => sql.Contains("`olist_ci.raw__loads`", StringComparison.Ordinal)
            ? new FakeQuery(
                """{"fields":[{"name":"table_name","type":"STRING"},{"name":"source_file","type":"STRING"},{"name":"rows_loaded","type":"INTEGER"},{"name":"rows_quarantined","type":"INTEGER"},{"name":"loaded_at","type":"TIMESTAMP"}]}""",
                int64 => [Row("sellers", "olist_sellers_dataset.csv", "3094", "1", int64 ? "1764849600000000" : "1.7648496E9")])
            : null;

        var after = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(9, before.Count);
        Assert.All(before, s => Assert.Null(s.LoadedAt));
        var sellers = after.Single(s => s.Table == "sellers");
        Assert.Equal(("olist_sellers_dataset.csv", 3094L, 1L, new DateTimeOffset(2025, 12, 4, 12, 0, 0, TimeSpan.Zero)), (sellers.File, sellers.RowsLoaded, sellers.RowsQuarantined, sellers.LoadedAt));
        Assert.All(after.Where(s => s.Table != "sellers"), s => Assert.Null(s.LoadedAt));
        Assert.Single(Fake.Calls, c => c.Method == "bigquery.jobs.query");
    }

    private static FakeQuery SalesTrends => new(
        """{"fields":[{"name":"period","type":"STRING"},{"name":"orders","type":"INTEGER"},{"name":"revenue","type":"NUMERIC"},{"name":"freight","type":"NUMERIC"},{"name":"payments","type":"NUMERIC"},{"name":"aov","type":"FLOAT"}]}""",
        _ => [Row("2018-01", "7269", "1107301.89", "163441.27", "1115004.18", "152.33"), Row("2018-02", "6728", "986908.96", "158977.45", "992463.34", null)]);

    private static FakeQuery NoTopProducts => new(
        """{"fields":[{"name":"period","type":"STRING"},{"name":"rank","type":"INTEGER"},{"name":"product_id","type":"STRING"},{"name":"category","type":"STRING"},{"name":"units","type":"INTEGER"},{"name":"revenue","type":"NUMERIC"}]}""",
        _ => []);

    private static JsonObject Row(params string?[] cells) => new JsonObject { ["f"] = new JsonArray([.. cells.Select(c => new JsonObject { ["v"] = c })]) };

    private ServiceProvider Pipeline() => TestPipeline.Create(_data.Path, Fake.WarehouseSettings(Dataset));

    private static string? CreatedModel(string statement)
    {
        foreach (var prefix in (string[])["CREATE OR REPLACE TABLE `olist_ci.", "CREATE OR REPLACE VIEW `olist_ci."])
        {
            if (statement.StartsWith(prefix, StringComparison.Ordinal))
            {
                var name = statement[prefix.Length..statement.IndexOf('`', prefix.Length)];
                return name.EndsWith("__audit", StringComparison.Ordinal) ? name[..^"__audit".Length] : name;
            }
        }

        return null;
    }

    private static FakeQuery Processed(long bytes) => FakeQuery.Empty with { Bytes = bytes };

    private static FakeQuery Count(long failures) => new(
        """{"fields":[{"name":"f0_","type":"INTEGER","mode":"NULLABLE"}]}""",
        _ => [JsonNode.Parse(JsonSerializer.Serialize(new { f = new[] { new { v = failures.ToString(System.Globalization.CultureInfo.InvariantCulture) } } }))!]);
}
