using Olist.Pipeline.Gcp;
using Failure = Olist.Tests.BigQuery.Contract.FakeBigQueryServer.Failure;

namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// The BigQuery client against the fake BigQuery, whose every request is checked against Google's discovery document
/// (a broken one fails the test when it ends): the contract's checklist, section 4 items 1-9.
/// </summary>
public sealed class BigQueryContractTests : FakeBigQueryTests
{
    private const string Schema = """
        {"fields":[
          {"name":"id","type":"INTEGER","mode":"NULLABLE"},
          {"name":"ts","type":"TIMESTAMP","mode":"NULLABLE"},
          {"name":"tags","type":"STRING","mode":"REPEATED"},
          {"name":"item","type":"RECORD","mode":"NULLABLE","fields":[{"name":"k","type":"STRING"},{"name":"n","type":"INTEGER"}]},
          {"name":"amount","type":"NUMERIC"},
          {"name":"raw","type":"BYTES"},
          {"name":"at","type":"DATETIME"},
          {"name":"ratio","type":"FLOAT"}
        ]}
        """;

    private static readonly DateTimeOffset Instant = new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    [Fact]
    public async Task The_discovery_check_refuses_unknown_fields_wrong_types_missing_required_fields_read_only_fields_and_unknown_parameters()
    {
        using var http = new HttpClient { BaseAddress = Fake.HttpAddress };
        var bad = new[]
        {
            ("bigquery/v2/projects/p/queries", """{"query":"SELECT 1","useLegacySql":false,"requestId":"5f0c9a2e-6c1d-4a55-9a39-1b1f0a3c7d10","maximumBytesBilled":1000}"""),
            ("bigquery/v2/projects/p/queries", """{"query":"SELECT 1","useLegacySql":false,"requestId":"5f0c9a2e-6c1d-4a55-9a39-1b1f0a3c7d10","timeoutMs":"1000"}"""),
            ("bigquery/v2/projects/p/queries", """{"query":"SELECT 1","useLegacySql":false,"requestId":"5f0c9a2e-6c1d-4a55-9a39-1b1f0a3c7d10","useInt64Timestamps":true}"""),
            ("bigquery/v2/projects/p/queries", """{"useLegacySql":false}"""),
            ("bigquery/v2/projects/p/jobs", """{"jobReference":{"projectId":"p","jobId":"j"},"configuration":{"load":{"destinationTable":{"projectId":"p","datasetId":"d"}}}}"""),
            ("bigquery/v2/projects/p/jobs", """{"jobReference":{"projectId":"p","jobId":"j"},"configuration":{"query":{"query":"SELECT 1","useLegacySql":false}},"status":{"state":"DONE"}}"""),
            ("bigquery/v2/projects/p/queries?startIndex=x", """{"query":"SELECT 1","useLegacySql":false,"requestId":"5f0c9a2e-6c1d-4a55-9a39-1b1f0a3c7d10"}"""),
            ("bigquery/v2/projects/p/queries?useInt64Timestamp=true", """{"query":"SELECT 1","useLegacySql":false,"requestId":"5f0c9a2e-6c1d-4a55-9a39-1b1f0a3c7d10"}"""),
        };

        foreach (var (path, body) in bad)
        {
            using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(400, (int)response.StatusCode);
            Assert.Contains("contractViolation", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var violations = Fake.Violations.ToList();
        Assert.Contains(violations, v => v.Contains("maximumBytesBilled: expected a string (int64)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("timeoutMs: expected an integer number", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("unknown field 'useInt64Timestamps'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("required field 'query' missing", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("required field 'tableId' missing", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("status: read-only (output) field", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("unknown query parameter 'startIndex'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("unknown query parameter 'useInt64Timestamp'", StringComparison.Ordinal));
        while (Fake.Violations.TryDequeue(out _))
        {
        }
    }

    [Fact]
    public async Task A_query_waits_while_pending_then_reads_every_page_and_decodes_every_cell_type()
    {
        Fake.OnQuery("SELECT * FROM `olist.cells` WHERE day = @day AND id IN UNNEST(@ids)", new FakeQuery(Schema, Rows, PendingPolls: 2, PageSize: 2, Bytes: 4096));
        var client = await EmulatorClientAsync();

        var result = await client.QueryAsync(
            "SELECT * FROM `olist.cells` WHERE day = @day AND id IN UNNEST(@ids)",
            [BigQueryParameter.OfDate("day", new DateOnly(2024, 1, 31)), BigQueryParameter.OfInt64Array("ids", [17, 18, 19, 20, 21])],
            null,
            CancellationToken.None);

        Assert.Equal(5, result.Rows.Count);
        Assert.Equal(5, result.TotalRows);
        Assert.Equal(4096, result.TotalBytesProcessed);
        var first = result.Rows[0];
        Assert.Equal(17L, first["id"]);
        Assert.Equal(Instant, first["ts"]);
        Assert.Equal(new List<object?> { "a", "b" }, first["tags"]);
        var item = Assert.IsType<BigQueryRow>(first["item"]);
        Assert.Equal(("k1", 1L), (item["k"], item["n"]));
        Assert.Equal(12.5m, first["amount"]);
        Assert.Equal(new byte[] { 0, 1, 2 }, first["raw"]);
        Assert.Equal(new DateTime(2024, 1, 31, 12, 34, 56, DateTimeKind.Unspecified).AddTicks(1234560), first["at"]);
        Assert.Equal(double.NaN, first["ratio"]);
        var nulls = result.Rows[1];
        Assert.Null(nulls["ts"]);
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(nulls["tags"]));
        Assert.Null(nulls["item"]);
        Assert.Equal("12345678901234567890123456789.123456789", nulls["amount"]);
        Assert.Equal(double.NegativeInfinity, nulls["ratio"]);

        var reads = Fake.Calls.Where(c => c.Method == "bigquery.jobs.getQueryResults").Select(c => c.PathAndQuery).ToList();
        // Two polls answered pending, the third complete (all with maxResults=0, to wait only), then the first page and two more.
        Assert.Equal(3 + 1 + 2, reads.Count);
        Assert.All(reads, r => Assert.Contains("location=US", r, StringComparison.Ordinal));
        Assert.All(reads.Take(3), r => Assert.Contains("maxResults=0", r, StringComparison.Ordinal));
        Assert.Equal(2, reads.Count(r => r.Contains("pageToken=", StringComparison.Ordinal)));
        var body = JsonNode.Parse(Fake.Calls.Single(c => c.Method == "bigquery.jobs.query").Body!)!;
        Assert.Equal("NAMED", body["parameterMode"]!.GetValue<string>());
        Assert.Equal("ARRAY", body["queryParameters"]![1]!["parameterType"]!["type"]!.GetValue<string>());
        Assert.Equal(10L * 1024 * 1024 * 1024, long.Parse(body["maximumBytesBilled"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Timestamps_in_float_seconds_with_an_exponent_and_in_int64_microseconds_decode_to_the_same_instant()
    {
        var fields = new[] { new TableFieldSchema("ts", "TIMESTAMP") };
        JsonElement Row(string value) => JsonDocument.Parse($$"""{"f":[{"v":"{{value}}"}]}""").RootElement;

        Assert.Equal(new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero), BigQueryRow.Decode(fields, Row("1.7066592E9"), int64Timestamps: false)["ts"]);
        Assert.Equal(Instant, BigQueryRow.Decode(fields, Row("1706659200.123456"), int64Timestamps: false)["ts"]);
        Assert.Equal(Instant, BigQueryRow.Decode(fields, Row("1706659200123456"), int64Timestamps: true)["ts"]);
        Assert.Equal(new DateTimeOffset(1970, 1, 1, 0, 0, 1, TimeSpan.Zero), BigQueryRow.Decode(fields, Row("1000000"), int64Timestamps: true)["ts"]);
    }

    [Fact]
    public async Task A_syntax_error_is_invalidQuery_at_once_without_a_retry()
    {
        var client = await EmulatorClientAsync();

        var refused = await Assert.ThrowsAsync<GoogleApiException>(() => client.QueryAsync("SELECT SYNTAX ERROR", null, null, CancellationToken.None));

        Assert.True(BigQueryClient.IsInvalidQuery(refused));
        Assert.Equal(GoogleStatus.InvalidArgument, refused.Status);
        Assert.Single(Fake.Calls, c => c.Method == "bigquery.jobs.query");
    }

    [Fact]
    public async Task Rate_limits_backend_errors_and_a_proxy_page_are_retried_with_the_same_requestId_and_run_the_query_once()
    {
        Fake.OnQuery("SELECT 1", new FakeQuery("""{"fields":[{"name":"x","type":"INT64"}]}""", _ => [Row(Cell("1"))]));
        Fake.FailNext(
            "jobs.query",
            new Failure(403, "rateLimitExceeded", "PERMISSION_DENIED"),
            new Failure(500, "backendError", "INTERNAL"),
            new Failure(503, "backendError", "UNAVAILABLE"),
            new Failure(502, null, null, Html: true));
        var client = await EmulatorClientAsync();

        var result = await client.QueryAsync("SELECT 1", null, null, CancellationToken.None);

        Assert.Equal(1L, result.Rows.Single()[0]);
        var attempts = Fake.Calls.Where(c => c.Method == "bigquery.jobs.query").ToList();
        Assert.Equal([403, 500, 503, 502, 200], attempts.Select(a => a.Status));
        Assert.Single(attempts.Select(a => JsonNode.Parse(a.Body!)!["requestId"]!.GetValue<string>()).Distinct());
        Assert.Equal(1, Fake.JobsCreated);
    }

    [Theory]
    [InlineData("quotaExceeded")]
    [InlineData("accessDenied")]
    public async Task Quota_exceeded_and_access_denied_are_not_retried(string reason)
    {
        Fake.FailNext("jobs.query", new Failure(403, reason, "PERMISSION_DENIED"));
        var client = await EmulatorClientAsync();

        var refused = await Assert.ThrowsAsync<GoogleApiException>(() => client.QueryAsync("SELECT 1", null, null, CancellationToken.None));

        Assert.Equal(reason, refused.Reason);
        Assert.Single(Fake.Calls, c => c.Method == "bigquery.jobs.query");
    }

    [Fact]
    public async Task A_load_job_from_Cloud_Storage_runs_until_DONE_and_a_failed_one_reports_its_errorResult()
    {
        var client = await EmulatorClientAsync();
        Fake.NextJob(runningPolls: 2);
        Fake.NextJob(runningPolls: 1, ("invalid", "Error while reading data, error message: CSV table references column position 9"));

        var done = await client.LoadFromStorageAsync(Load(["gs://olist-drop/2018-03-01/orders-*.csv"]), CancellationToken.None);
        var failed = await Assert.ThrowsAsync<BigQueryJobException>(() => client.LoadFromStorageAsync(Load(["gs://olist-drop/bad.csv"]), CancellationToken.None));

        Assert.Equal("DONE", done.Status!.State);
        Assert.Equal(["gs://olist-drop/2018-03-01/orders-*.csv"], done.Configuration.Load!.SourceUris!);
        Assert.Equal("WRITE_TRUNCATE", done.Configuration.Load.WriteDisposition);
        Assert.StartsWith("load_", done.JobReference!.JobId, StringComparison.Ordinal);
        Assert.Equal("invalid", failed.Reason);
        Assert.False(failed.IsTransient);
        Assert.Contains("column position 9", failed.Message, StringComparison.Ordinal);
        Assert.Equal(2 + 1, Fake.Calls.Count(c => c.Method == "bigquery.jobs.get"));
        Assert.Throws<PipelineException>(() => client.LoadFromStorageAsync(Load(["/tmp/orders.csv"]), CancellationToken.None).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task An_insert_whose_answer_was_lost_is_found_by_its_job_id_instead_of_running_twice()
    {
        var client = await EmulatorClientAsync();
        Fake.FailNext("jobs.insert", new Failure(503, "backendError", "UNAVAILABLE", AfterWork: true));

        var job = await client.LoadFromStorageAsync(Load(["gs://olist-drop/orders.csv"]), CancellationToken.None);

        Assert.Equal("DONE", job.Status!.State);
        Assert.Equal([503, 409], Fake.Calls.Where(c => c.Method == "bigquery.jobs.insert").Select(c => c.Status));
        Assert.Equal(1, Fake.JobsCreated);
    }

    [Fact]
    public async Task A_query_job_replacing_one_partition_is_sent_with_the_decorator_and_WRITE_TRUNCATE_echoed_back()
    {
        var client = await EmulatorClientAsync();

        var job = await client.RunQueryJobAsync(
            "SELECT * FROM `olist.fact_sales__incoming` WHERE ds = @ds",
            [BigQueryParameter.OfDate("ds", new DateOnly(2024, 1, 31))],
            new TableReference(FakeBigQueryServer.Project, "olist", "fact_sales$20240131"),
            "WRITE_TRUNCATE",
            "CREATE_NEVER",
            CancellationToken.None);

        Assert.Equal("fact_sales$20240131", job.Configuration.Query!.DestinationTable!.TableId);
        Assert.Equal("WRITE_TRUNCATE", job.Configuration.Query.WriteDisposition);
        Assert.Equal("CREATE_NEVER", job.Configuration.Query.CreateDisposition);
    }

    [Fact]
    public async Task An_upload_sends_the_job_and_the_bytes_as_one_multipart_request_to_the_upload_endpoint()
    {
        var client = await EmulatorClientAsync();
        var csv = Encoding.UTF8.GetBytes("order_id,status\n1,delivered\n2,shipped\n");
        using var data = new MemoryStream(csv);

        var job = await client.UploadAsync(Load(null), data, "text/csv", CancellationToken.None);

        Assert.Equal(csv, Fake.Uploads[job.JobReference!.JobId]);
        Assert.StartsWith("/upload/bigquery/v2/projects/olist-fake/jobs?uploadType=multipart", Fake.Calls.First(c => c.Method == "bigquery.jobs.insert").PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_with_a_transaction_runs_in_a_new_session_and_lists_its_statements()
    {
        const string Script = "BEGIN TRANSACTION; DELETE FROM `olist.t` WHERE ds = @ds; INSERT INTO `olist.t` SELECT * FROM `olist.t__incoming`; COMMIT TRANSACTION";
        var client = await EmulatorClientAsync();

        var result = await client.QueryAsync(Script, [BigQueryParameter.OfDate("ds", new DateOnly(2024, 1, 31))], new BigQueryQueryOptions(CreateSession: true), CancellationToken.None);
        var statements = await client.ListChildJobsAsync(result.Job!, CancellationToken.None);
        await client.QueryAsync("SELECT 1", null, new BigQueryQueryOptions(SessionId: result.SessionId), CancellationToken.None);

        Assert.NotNull(result.SessionId);
        Assert.Equal(["COMMIT", "INSERT", "DELETE", "BEGIN"], statements.Select(s => s.Statistics!.Query!.StatementType));
        var inSession = JsonNode.Parse(Fake.Calls.Where(c => c.Method == "bigquery.jobs.query").Last().Body!)!;
        Assert.Equal(result.SessionId, inSession["connectionProperties"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task InsertAll_reports_refused_and_stopped_rows_dedupes_by_insert_id_and_gets_413_for_an_oversized_body()
    {
        Fake.AddTable("olist", "events", 0, ("id", "INT64"), ("status", "STRING"));
        var client = await EmulatorClientAsync();
        InsertAllRow Row(string id, string field = "status") =>
            new(id, new Dictionary<string, JsonElement> { ["id"] = JsonSerializer.SerializeToElement(id), [field] = JsonSerializer.SerializeToElement("delivered") });

        var clean = await client.InsertAllAsync("olist", "events", [Row("1"), Row("2")], skipInvalidRows: false, CancellationToken.None);
        var again = await client.InsertAllAsync("olist", "events", [Row("1"), Row("2")], skipInvalidRows: false, CancellationToken.None);
        var mixed = await client.InsertAllAsync("olist", "events", [Row("3"), Row("4", "colour"), Row("5")], skipInvalidRows: false, CancellationToken.None);
        var skipped = await client.InsertAllAsync("olist", "events", [Row("3"), Row("4", "colour"), Row("5")], skipInvalidRows: true, CancellationToken.None);
        var huge = Enumerable.Range(0, 11).Select(i => new InsertAllRow($"big-{i}", new Dictionary<string, JsonElement> { ["status"] = JsonSerializer.SerializeToElement(new string('x', 1024 * 1024)) })).ToList();
        var tooLarge = await Assert.ThrowsAsync<GoogleApiException>(() => client.InsertAllAsync("olist", "events", huge, skipInvalidRows: false, CancellationToken.None));

        Assert.Empty(clean);
        Assert.Empty(again);
        Assert.Equal([(0, "stopped"), (1, "invalid"), (2, "stopped")], mixed.OrderBy(e => e.Index).Select(e => (e.Index, e.Errors[0].Reason)));
        Assert.Equal("colour", mixed.Single(e => e.Index == 1).Errors[0].Location);
        Assert.Equal([(1, "invalid")], skipped.Select(e => (e.Index, e.Errors[0].Reason)));
        Assert.Equal(2 + 2, Fake.RowsIn("olist", "events"));
        Assert.Equal(413, tooLarge.Error.HttpStatus);
    }

    [Fact]
    public async Task Datasets_and_tables_take_409_as_existing_and_404_as_missing_and_deletes_accept_204()
    {
        var client = await EmulatorClientAsync();
        var table = new BigQueryTable
        {
            TableReference = new TableReference(FakeBigQueryServer.Project, "olist", "fact_sales"),
            Schema = new TableSchema([new TableFieldSchema("ds", "DATE", "REQUIRED"), new TableFieldSchema("amount", "NUMERIC")]),
            TimePartitioning = new TimePartitioning("DAY", "ds"),
        };

        Assert.True(await client.CreateDatasetAsync("olist", CancellationToken.None));
        Assert.False(await client.CreateDatasetAsync("olist", CancellationToken.None));
        Assert.Null(await client.GetTableAsync("olist", "fact_sales", CancellationToken.None));
        Assert.True(await client.CreateTableAsync(table, CancellationToken.None));
        Assert.False(await client.CreateTableAsync(table, CancellationToken.None));
        Assert.Equal("TABLE", (await client.GetTableAsync("olist", "fact_sales", CancellationToken.None))!.Type);
        Assert.True(await client.DeleteTableAsync("olist", "fact_sales", CancellationToken.None));
        Assert.False(await client.DeleteTableAsync("olist", "fact_sales", CancellationToken.None));
        Assert.Equal([200, 409], Fake.Calls.Where(c => c.Method == "bigquery.datasets.insert").Select(c => c.Status));
        Assert.Equal([204, 404], Fake.Calls.Where(c => c.Method == "bigquery.tables.delete").Select(c => c.Status));
    }

    [Fact]
    public async Task Production_calls_carry_a_bearer_token_over_https_and_emulator_calls_none_over_http()
    {
        var options = Options();
        options.Endpoint = Fake.HttpsAddress;
        var production = await BigQueryClient.CreateAsync(options, TimeProvider.System, Fake.ServiceAccount(BigQueryClient.Scope), Fake.TrustingHandler(), CancellationToken.None);
        var emulator = await EmulatorClientAsync();

        await production.CreateDatasetAsync("prod", CancellationToken.None);
        await emulator.CreateDatasetAsync("emulated", CancellationToken.None);

        Assert.False(production.Endpoint.IsEmulator);
        Assert.True(emulator.Endpoint.IsEmulator);
        Assert.Equal(["token-1", null], Fake.Calls.Where(c => c.Method == "bigquery.datasets.insert").Select(c => c.Token));
        var plain = Options();
        plain.Endpoint = Fake.HttpAddress;
        await Assert.ThrowsAsync<PipelineException>(() => BigQueryClient.CreateAsync(plain, TimeProvider.System, null, null, CancellationToken.None));
        var tls = Options();
        tls.EmulatorHost = $"https://127.0.0.1:{Fake.HttpsAddress.Port}";
        await Assert.ThrowsAsync<PipelineException>(() => BigQueryClient.CreateAsync(tls, TimeProvider.System, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_job_still_running_at_its_timeout_is_cancelled_on_the_test_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero));
        var options = Options();
        options.EmulatorHost = Fake.HttpAddress.ToString();
        options.JobTimeout = TimeSpan.FromSeconds(10);
        options.InitialBackoff = TimeSpan.FromSeconds(1);
        var client = await BigQueryClient.CreateAsync(options, clock, null, null, CancellationToken.None);
        Fake.NextJob(runningPolls: 1000);

        var waiting = client.LoadFromStorageAsync(Load(["gs://olist-drop/slow.csv"]), CancellationToken.None);
        while (!waiting.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        var timedOut = await Assert.ThrowsAsync<GoogleApiException>(() => waiting);
        Assert.Equal(GoogleStatus.DeadlineExceeded, timedOut.Status);
        Assert.Single(Fake.Calls, c => c.Method == "bigquery.jobs.cancel");
    }

    private static BigQueryOptions Options() => new()
    {
        ProjectId = FakeBigQueryServer.Project,
        EmulatorDetection = EmulatorDetection.EmulatorOrProduction,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        EmulatorHost = " ",
    };

    private async Task<BigQueryClient> EmulatorClientAsync()
    {
        var options = Options();
        options.EmulatorHost = Fake.HttpAddress.ToString().TrimEnd('/');
        return await BigQueryClient.CreateAsync(options, TimeProvider.System, null, null, CancellationToken.None);
    }

    private static JobConfigurationLoad Load(IReadOnlyList<string>? uris) => new()
    {
        SourceUris = uris,
        SourceFormat = "CSV",
        SkipLeadingRows = 1,
        AllowQuotedNewlines = true,
        DestinationTable = new TableReference(FakeBigQueryServer.Project, "olist", "raw_orders"),
        Schema = new TableSchema([new TableFieldSchema("order_id", "STRING"), new TableFieldSchema("status", "STRING")]),
        WriteDisposition = "WRITE_TRUNCATE",
        CreateDisposition = "CREATE_IF_NEEDED",
    };

    private static IReadOnlyList<JsonNode> Rows(bool int64Timestamps)
    {
        var micros = ((Instant - DateTimeOffset.UnixEpoch).Ticks / 10).ToString(CultureInfo.InvariantCulture);
        var ts = int64Timestamps ? micros : "1706659200.123456";
        var first = Row(
            Cell("17"),
            Cell(ts),
            new JsonObject { ["v"] = new JsonArray(Cell("a"), Cell("b")) },
            new JsonObject { ["v"] = Row(Cell("k1"), Cell("1")) },
            Cell("12.50"),
            Cell(Convert.ToBase64String([0, 1, 2])),
            Cell("2024-01-31T12:34:56.123456"),
            Cell("NaN"));
        var nulls = Row(Cell("18"), Null(), new JsonObject { ["v"] = new JsonArray() }, Null(), Cell("12345678901234567890123456789.123456789"), Null(), Null(), Cell("-Infinity"));
        return [first, nulls, .. Enumerable.Range(19, 3).Select(i => Row(Cell(i.ToString(CultureInfo.InvariantCulture)), Null(), Null(), Null(), Null(), Null(), Null(), Cell("1e+06")))];
    }

    private static JsonObject Row(params JsonNode[] cells) => new() { ["f"] = new JsonArray(cells) };

    private static JsonObject Cell(string value) => new() { ["v"] = value };

    private static JsonObject Null() => new() { ["v"] = null };
}
