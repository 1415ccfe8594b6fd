using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// A stand-in for BigQuery REST v2 over real HTTP (Kestrel; https with bearer tokens as production, plain http without
/// any as an emulator) that checks every request against Google's discovery document first: a request that breaks it is
/// answered 400 <c>contractViolation</c> and kept in <see cref="Violations"/>, which the tests assert empty. It answers
/// the scenarios of the contract's checklist (section 4): queries pending then complete, pages, errors and retries on cue,
/// jobs RUNNING then DONE (or failed), duplicate job ids, datasets and tables, insertAll with dedup and refusals, uploads,
/// dry runs that read the tables they name.
/// </summary>
internal sealed partial class FakeBigQueryServer : IAsyncDisposable
{
    /// <summary>The largest insertAll body accepted, as BigQuery's front end refuses much larger ones with 413.</summary>
    public const int MaxInsertAllBytes = 10 * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly DiscoveryDocument _discovery = DiscoveryDocument.Load();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Failure>> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeQuery> _queries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JobState> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _requestIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _datasets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeTable> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _insertIds = new(StringComparer.Ordinal);
    private int _tokens;
    private int _jobCount;

    private FakeBigQueryServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>The project the fake serves.</summary>
    public const string Project = "olist-fake";

    /// <summary>Every request that broke the discovery document or the contract, with why.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Every API call: method id (such as <c>bigquery.jobs.query</c>), path and query, bearer token, status answered, and the body.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>The bytes each upload carried, by job id.</summary>
    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>How many jobs were created (a dry run creates none).</summary>
    public int JobsCreated => Volatile.Read(ref _jobCount);

    /// <summary>How many rows each table holds after insertAll.</summary>
    public int RowsIn(string dataset, string table) => _tables.TryGetValue($"{dataset}.{table}", out var t) ? t.Rows : 0;

    public Uri HttpsAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public static async Task<FakeBigQueryServer> StartAsync()
    {
        var certificate = FakeGoogleCredentials.Certificate();
        FakeBigQueryServer? fake = null;
        var (app, https, http) = await FakeGoogleCredentials.StartAsync(certificate, context => fake!.HandleAsync(context));
        fake = new FakeBigQueryServer(app, certificate) { HttpsAddress = https, HttpAddress = http };
        return fake;
    }

    /// <summary>A connection handler that trusts this server's certificate and no other.</summary>
    public HttpMessageHandler TrustingHandler() => FakeGoogleCredentials.Trusting(_certificate);

    /// <summary>A service-account credential whose tokens come from this server.</summary>
    public Google.Apis.Auth.OAuth2.GoogleCredential ServiceAccount(string scope) => FakeGoogleCredentials.ServiceAccount(new Uri(HttpAddress, "token"), scope);

    /// <summary>The next calls whose method id ends with <paramref name="method"/> (such as <c>jobs.query</c>) get these answers first, in order.</summary>
    public void FailNext(string method, params Failure[] failures)
    {
        var queue = _failures.GetOrAdd(method, _ => new ConcurrentQueue<Failure>());
        foreach (var failure in failures)
        {
            queue.Enqueue(failure);
        }
    }

    /// <summary>What a query answers; any other SQL answers no rows, and SQL containing <c>SYNTAX ERROR</c> answers 400 invalidQuery.</summary>
    public void OnQuery(string sql, FakeQuery query) => _queries[sql] = query;

    /// <summary>
    /// Answers the queries no <see cref="OnQuery"/> names: a recorded shape (columns, rows, bytes) or null for no rows.
    /// The fake runs no SQL; a test that needs an answer scripts it here.
    /// </summary>
    public Func<string, FakeQuery?>? Answer { get; set; }

    /// <summary>Like <see cref="Answer"/>, and asked first, with the query's named parameters (name to value text) for answers that depend on them.</summary>
    public Func<string, IReadOnlyDictionary<string, string?>, FakeQuery?>? AnswerWithParameters { get; set; }

    /// <summary>Rows a statement of a script reports it changed (its child job's <c>numDmlAffectedRows</c>); unset, none.</summary>
    public Func<string, long>? AffectedRows { get; set; }

    /// <summary>The SQL of every jobs.query that was answered, in the order it arrived.</summary>
    public ConcurrentQueue<string> Statements { get; } = new();

    /// <summary>What a table of the fake's catalog is (<c>TABLE</c>, <c>VIEW</c>), or null when it does not exist.</summary>
    public string? KindOf(string dataset, string table) => _tables.TryGetValue($"{dataset}.{table}", out var found) ? found.Kind : null;

    /// <summary>A table that exists with these columns and bytes (what a dry run reading it processes).</summary>
    public void AddTable(string dataset, string table, long bytes, params (string Name, string Type)[] columns)
    {
        _datasets.TryAdd(dataset, 0);
        _tables[$"{dataset}.{table}"] = new FakeTable(columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal), bytes);
    }

    /// <summary>The settings that make BigQuery the pipeline's warehouse, in <paramref name="dataset"/> of this fake (as an emulator, no credentials), with short backoffs.</summary>
    public Dictionary<string, string?> WarehouseSettings(string dataset) => new()
    {
        ["Olist:Warehouse:Provider"] = "BigQuery",
        ["Olist:Warehouse:BigQuery:ProjectId"] = Project,
        ["Olist:Warehouse:BigQuery:Dataset"] = dataset,
        ["Olist:Warehouse:BigQuery:EmulatorHost"] = HttpAddress.ToString().TrimEnd('/'),
        ["Olist:Warehouse:BigQuery:InitialBackoff"] = "00:00:00.005",
    };

    /// <summary>True when the dataset exists.</summary>
    public bool HasDataset(string dataset) => _datasets.ContainsKey(dataset);

    /// <summary>The next job created runs for <paramref name="runningPolls"/> jobs.get calls, then is DONE, with <paramref name="errorResult"/> when given.</summary>
    public void NextJob(int runningPolls, (string Reason, string Message)? errorResult = null) => _nextJob.Enqueue((runningPolls, errorResult));

    private readonly ConcurrentQueue<(int RunningPolls, (string Reason, string Message)? Error)> _nextJob = new();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/token")
        {
            await context.Response.WriteAsJsonAsync(new { access_token = $"token-{Interlocked.Increment(ref _tokens)}", expires_in = 3600, token_type = "Bearer" });
            return;
        }

        var bearer = request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        var violations = new List<string>();
        if (request.IsHttps && bearer is null)
        {
            violations.Add($"{request.Path}: a production (https) call without a bearer token");
        }

        if (!request.IsHttps && request.Headers.ContainsKey("Authorization"))
        {
            violations.Add($"{request.Path}: an emulator (http) call with an Authorization header");
        }

        var raw = await ReadBodyAsync(request);
        if (raw.Length > MaxInsertAllBytes && request.ContentType?.StartsWith("multipart/", StringComparison.Ordinal) != true)
        {
            // Google's front end refuses such a body before any API sees it.
            Calls.Enqueue(new Call(null, request.Path + request.QueryString.Value, bearer, await ErrorAsync(context, 413, null, null, "Request payload size exceeds the limit"), null));
            return;
        }

        JsonElement? body = null;
        byte[]? media = null;
        if (request.ContentType?.StartsWith("multipart/related", StringComparison.Ordinal) == true)
        {
            try
            {
                (body, media) = await ReadMultipartAsync(request, raw, violations);
            }
            catch (Exception ex) when (ex is IOException or FormatException or JsonException or InvalidDataException)
            {
                violations.Add($"{request.Path}: an unreadable multipart body: {ex.Message}");
            }
        }
        else if (raw.Length > 0)
        {
            try
            {
                body = JsonDocument.Parse(raw).RootElement;
            }
            catch (JsonException ex)
            {
                violations.Add($"{request.Path}: body is not JSON: {ex.Message}");
            }
        }

        var query = request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
        var method = _discovery.Check(request.Method, request.Path.Value!, query, body, violations);
        if (request.Query.ContainsKey("pageToken") && request.Query.ContainsKey("startIndex"))
        {
            violations.Add($"{method}: startIndex sent together with pageToken");
        }

        int status;
        try
        {
            status = violations.Count > 0 ? await Violated(context, violations) : await AnswerAsync(context, method!, body, media);
        }
#pragma warning disable CA1031 // A request the fake cannot read is a broken contract, reported as such, never a bare 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            status = await Violated(context, [$"{method}: the fake could not read the request: {ex.GetType().Name}: {ex.Message}"]);
        }

        Calls.Enqueue(new Call(method, request.Path + request.QueryString.Value, bearer, status, body?.GetRawText()));
    }

    private async Task<int> Violated(HttpContext context, List<string> violations)
    {
        foreach (var violation in violations)
        {
            Violations.Enqueue(violation);
        }

        return await ErrorAsync(context, 400, "contractViolation", "INVALID_ARGUMENT", string.Join("; ", violations));
    }

    private async Task<int> AnswerAsync(HttpContext context, string method, JsonElement? body, byte[]? media)
    {
        var failure = _failures.Where(f => method.EndsWith(f.Key, StringComparison.Ordinal)).Select(f => Take(f.Value, body)).FirstOrDefault(f => f is not null);
        if (failure is { AfterWork: false })
        {
            return await FailAsync(context, failure);
        }

        var path = Segments(context.Request.Path.Value!);
        var (status, answer) = method switch
        {
            "bigquery.jobs.query" => Query(body!.Value),
            "bigquery.jobs.getQueryResults" => GetQueryResults(path["queries"], context.Request.Query),
            "bigquery.jobs.insert" => InsertJob(body!.Value, media),
            "bigquery.jobs.get" => GetJob(path["jobs"]),
            "bigquery.jobs.cancel" => (200, new JsonObject { ["job"] = GetJob(path["jobs"]).Item2 }),
            "bigquery.jobs.list" => ListJobs(context.Request.Query["parentJobId"].ToString()),
            "bigquery.datasets.insert" => CreateDataset(body!.Value),
            "bigquery.tables.insert" => CreateTable(path["datasets"], body!.Value),
            "bigquery.tables.get" => GetTable(path["datasets"], path["tables"]),
            "bigquery.tables.delete" => DeleteTable(path["datasets"], path["tables"]),
            "bigquery.tabledata.insertAll" => InsertAll(path["datasets"], path["tables"], body!.Value),
            _ => (501, Error(501, "notImplemented", "UNIMPLEMENTED", $"the fake does not serve {method}")),
        };
        if (failure is not null)
        {
            // The work was done (a job created, rows stored) but the answer is lost: the client must recover by its keys.
            return await FailAsync(context, failure);
        }

        context.Response.StatusCode = status;
        if (status != 204)
        {
            context.Response.ContentType = "application/json; charset=UTF-8";
            await context.Response.WriteAsync(answer?.ToJsonString() ?? "{}");
        }

        return status;
    }

    /// <summary>The next cued failure, unless it waits for a query containing its <see cref="Failure.When"/> and this is not one.</summary>
    private static Failure? Take(ConcurrentQueue<Failure> queue, JsonElement? body) =>
        queue.TryPeek(out var next)
        && (next.When is null || (body is { } b && b.TryGetProperty("query", out var query) && query.GetString()!.Contains(next.When, StringComparison.Ordinal)))
        && queue.TryDequeue(out next)
            ? next
            : null;

    private (int, JsonNode?) Query(JsonElement body)
    {
        var sql = body.GetProperty("query").GetString()!;
        if (!body.TryGetProperty("useLegacySql", out var legacy) || legacy.GetBoolean())
        {
            return (400, Error(400, "contractViolation", "INVALID_ARGUMENT", "useLegacySql must be sent as false"));
        }

        var requestId = body.TryGetProperty("requestId", out var id) ? id.GetString()! : null;
        if (requestId is null || requestId.Length > 36 || !Guid.TryParse(requestId, out _))
        {
            return (400, Error(400, "contractViolation", "INVALID_ARGUMENT", $"requestId '{requestId}' is not a UUID of at most 36 characters"));
        }

        if (sql.Contains("SYNTAX ERROR", StringComparison.Ordinal))
        {
            return (400, Error(400, "invalidQuery", "INVALID_ARGUMENT", "Syntax error: Unexpected identifier \"SYNTAX\" at [1:1]"));
        }

        var isNew = !_requestIds.ContainsKey(requestId);
        var jobId = _requestIds.GetOrAdd(requestId, _ => $"job_{Interlocked.Increment(ref _jobCount)}");
        if (isNew)
        {
            Statements.Enqueue(sql);
            ApplyToCatalog(sql);
        }

        var int64 = body.TryGetProperty("formatOptions", out var format) && format.TryGetProperty("useInt64Timestamp", out var use) && use.GetBoolean();
        var session = body.TryGetProperty("createSession", out var create) && create.GetBoolean() ? $"session_{jobId}" : null;
        var state = _jobs.GetOrAdd(jobId, _ => new JobState(jobId, Location(body), _queries.GetValueOrDefault(sql) ?? AnswerWithParameters?.Invoke(sql, Parameters(body)) ?? Answer?.Invoke(sql) ?? FakeQuery.Empty, null) { Sql = sql, SessionId = session });
        var maxResults = body.TryGetProperty("maxResults", out var max) ? max.GetInt32() : int.MaxValue;
        if (state.Query.PendingPolls > state.Polls)
        {
            return (200, new JsonObject { ["kind"] = "bigquery#queryResponse", ["jobReference"] = state.Reference(), ["jobComplete"] = false });
        }

        var page = Page(state, 0, maxResults, int64);
        if (session is not null)
        {
            page["sessionInfo"] = new JsonObject { ["sessionId"] = session };
        }

        return (200, page);
    }

    private (int, JsonNode?) GetQueryResults(string jobId, IQueryCollection query)
    {
        if (!_jobs.TryGetValue(jobId, out var state))
        {
            return (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Job {Project}:{jobId}"));
        }

        if (query["location"].ToString() != state.Location)
        {
            return (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Job {Project}:{jobId} (location '{query["location"]}' is not the job's {state.Location})"));
        }

        state.Polls++;
        if (state.Query.PendingPolls >= state.Polls)
        {
            return (200, new JsonObject { ["kind"] = "bigquery#getQueryResultsResponse", ["jobReference"] = state.Reference(), ["jobComplete"] = false });
        }

        var start = query.TryGetValue("pageToken", out var token) ? int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(token.ToString()))[4..], CultureInfo.InvariantCulture) : 0;
        var max = query.TryGetValue("maxResults", out var m) ? int.Parse(m.ToString(), CultureInfo.InvariantCulture) : int.MaxValue;
        return (200, Page(state, start, max, query["formatOptions.useInt64Timestamp"] == "true"));
    }

    private static JsonObject Page(JobState state, int start, int maxResults, bool int64Timestamps)
    {
        var all = state.Query.Rows(int64Timestamps);
        var size = Math.Min(Math.Min(maxResults, state.Query.PageSize), all.Count - start);
        var page = new JsonObject
        {
            ["kind"] = "bigquery#queryResponse",
            ["jobReference"] = state.Reference(),
            ["jobComplete"] = true,
            ["schema"] = JsonNode.Parse(state.Query.Schema),
            ["totalRows"] = all.Count.ToString(CultureInfo.InvariantCulture),
            ["totalBytesProcessed"] = state.Query.Bytes.ToString(CultureInfo.InvariantCulture),
        };
        if (size > 0)
        {
            page["rows"] = new JsonArray([.. all.Skip(start).Take(size).Select(r => r.DeepClone())]);
        }

        if (start + Math.Max(size, 0) < all.Count && maxResults > 0)
        {
            page["pageToken"] = Convert.ToBase64String(Encoding.ASCII.GetBytes($"row-{start + size}"));
        }

        return page;
    }

    private (int, JsonNode?) InsertJob(JsonElement body, byte[]? media)
    {
        var configuration = body.GetProperty("configuration");
        var reference = body.GetProperty("jobReference");
        var jobId = reference.GetProperty("jobId").GetString()!;
        if (configuration.TryGetProperty("dryRun", out var dry) && dry.GetBoolean())
        {
            return DryRun(jobId, configuration.GetProperty("query").GetProperty("query").GetString()!);
        }

        if (configuration.TryGetProperty("query", out var query) && (!query.TryGetProperty("useLegacySql", out var legacy) || legacy.GetBoolean()))
        {
            return (400, Error(400, "contractViolation", "INVALID_ARGUMENT", "useLegacySql must be sent as false"));
        }

        var plan = _nextJob.TryDequeue(out var next) ? next : (1, null);
        var state = new JobState(jobId, reference.TryGetProperty("location", out var l) ? l.GetString()! : "US", FakeQuery.Empty, JsonNode.Parse(configuration.GetRawText())) { RunningPolls = plan.Item1, ErrorResult = plan.Item2 };
        if (!_jobs.TryAdd(jobId, state))
        {
            return (409, Error(409, "duplicate", "ALREADY_EXISTS", $"Already Exists: Job {Project}:{state.Location}.{jobId}"));
        }

        Interlocked.Increment(ref _jobCount);
        if (media is not null)
        {
            Uploads[jobId] = media;
        }

        if (configuration.TryGetProperty("load", out var load) && load.TryGetProperty("destinationTable", out var destination))
        {
            var columns = load.TryGetProperty("schema", out var schema) ? schema.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal) : [];
            _tables[$"{destination.GetProperty("datasetId").GetString()}.{destination.GetProperty("tableId").GetString()}"] = new FakeTable(columns, media?.Length ?? 0);
        }

        return (200, state.Job());
    }

    /// <summary>
    /// What a statement does to the catalog (not to any data): CREATE SCHEMA adds the dataset, CREATE OR REPLACE TABLE or
    /// VIEW adds the relation as that kind, DROP removes it, so tables.get answers as BigQuery would after the statement.
    /// </summary>
    private void ApplyToCatalog(string sql)
    {
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (CreateSchema().Match(statement) is { Success: true } schema)
            {
                _datasets.TryAdd(schema.Groups["dataset"].Value, 0);
            }
            else if (CreateRelation().Match(statement) is { Success: true } created)
            {
                _tables[created.Groups["name"].Value] = new FakeTable([], 0) { Kind = created.Groups["kind"].Value };
            }
            else if (DropRelation().Match(statement) is { Success: true } dropped)
            {
                _tables.TryRemove(dropped.Groups["name"].Value, out _);
            }
        }
    }

    private (int, JsonNode?) DryRun(string jobId, string sql)
    {
        if (sql.Contains("SYNTAX ERROR", StringComparison.Ordinal))
        {
            return (400, Error(400, "invalidQuery", "INVALID_ARGUMENT", "Syntax error: Unexpected identifier \"SYNTAX\" at [1:1]"));
        }

        long bytes = 0;
        foreach (Match relation in Relation().Matches(sql))
        {
            var name = relation.Groups["name"].Value;
            if (!_tables.TryGetValue(name, out var table))
            {
                return (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Table {Project}:{name} was not found in location US"));
            }

            bytes += table.Bytes;
        }

        return (200, new JsonObject
        {
            ["kind"] = "bigquery#job",
            ["jobReference"] = new JsonObject { ["projectId"] = Project, ["location"] = "US" },
            ["configuration"] = new JsonObject { ["dryRun"] = true, ["query"] = new JsonObject { ["query"] = sql, ["useLegacySql"] = false } },
            ["status"] = new JsonObject { ["state"] = "DONE" },
            ["statistics"] = new JsonObject
            {
                ["totalBytesProcessed"] = bytes.ToString(CultureInfo.InvariantCulture),
                ["query"] = new JsonObject { ["totalBytesProcessed"] = bytes.ToString(CultureInfo.InvariantCulture), ["statementType"] = "SELECT", ["schema"] = new JsonObject { ["fields"] = new JsonArray() } },
            },
        });
    }

    private (int, JsonNode?) GetJob(string jobId)
    {
        if (!_jobs.TryGetValue(jobId, out var state))
        {
            return (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Job {Project}:{jobId}"));
        }

        state.Polls++;
        return (200, state.Job());
    }

    private (int, JsonNode?) ListJobs(string parentJobId)
    {
        var jobs = new JsonArray();
        if (_jobs.TryGetValue(parentJobId, out var parent) && parent.Sql is { } script)
        {
            var statements = script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = statements.Length - 1; i >= 0; i--)
            {
                jobs.Add(new JsonObject
                {
                    ["jobReference"] = new JsonObject { ["projectId"] = Project, ["jobId"] = $"{parentJobId}_{i}", ["location"] = parent.Location },
                    ["configuration"] = new JsonObject { ["query"] = new JsonObject { ["query"] = statements[i] } },
                    ["status"] = new JsonObject { ["state"] = "DONE" },
                    ["statistics"] = new JsonObject
                    {
                        ["parentJobId"] = parentJobId,
                        ["query"] = new JsonObject
                        {
                            ["statementType"] = statements[i].Split(' ')[0].ToUpperInvariant(),
                            ["numDmlAffectedRows"] = (AffectedRows?.Invoke(statements[i]) ?? 0).ToString(CultureInfo.InvariantCulture),
                        },
                    },
                });
            }
        }

        return (200, new JsonObject { ["kind"] = "bigquery#jobList", ["jobs"] = jobs });
    }

    private (int, JsonNode?) CreateDataset(JsonElement body)
    {
        var id = body.GetProperty("datasetReference").GetProperty("datasetId").GetString()!;
        return _datasets.TryAdd(id, 0)
            ? (200, new JsonObject { ["kind"] = "bigquery#dataset", ["id"] = $"{Project}:{id}", ["datasetReference"] = JsonNode.Parse(body.GetProperty("datasetReference").GetRawText()), ["location"] = body.TryGetProperty("location", out var l) ? l.GetString() : "US" })
            : (409, Error(409, "duplicate", "ALREADY_EXISTS", $"Already Exists: Dataset {Project}:{id}"));
    }

    private (int, JsonNode?) CreateTable(string dataset, JsonElement body)
    {
        if (!_datasets.ContainsKey(dataset))
        {
            return (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Dataset {Project}:{dataset}"));
        }

        var table = body.GetProperty("tableReference").GetProperty("tableId").GetString()!;
        var columns = body.TryGetProperty("schema", out var schema) ? schema.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal) : [];
        return _tables.TryAdd($"{dataset}.{table}", new FakeTable(columns, 0))
            ? (200, JsonNode.Parse(body.GetRawText()))
            : (409, Error(409, "duplicate", "ALREADY_EXISTS", $"Already Exists: Table {Project}:{dataset}.{table}"));
    }

    private (int, JsonNode?) GetTable(string dataset, string table) =>
        _tables.TryGetValue($"{dataset}.{table}", out var found)
            ? (200, new JsonObject
            {
                ["kind"] = "bigquery#table",
                ["tableReference"] = new JsonObject { ["projectId"] = Project, ["datasetId"] = dataset, ["tableId"] = table },
                ["numRows"] = found.Rows.ToString(CultureInfo.InvariantCulture),
                ["type"] = found.Kind,
                ["schema"] = new JsonObject { ["fields"] = new JsonArray([.. found.Columns.Select(c => new JsonObject { ["name"] = c, ["type"] = "STRING" })]) },
            })
            : (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Table {Project}:{dataset}.{table}"));

    private (int, JsonNode?) DeleteTable(string dataset, string table) =>
        _tables.TryRemove($"{dataset}.{table}", out _) ? (204, null) : (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Table {Project}:{dataset}.{table}"));

    private (int, JsonNode?) InsertAll(string dataset, string table, JsonElement body)
    {
        if (!_tables.TryGetValue($"{dataset}.{table}", out var target))
        {
            return (404, Error(404, "notFound", "NOT_FOUND", $"Not found: Table {Project}:{dataset}.{table}"));
        }

        var skipInvalid = body.TryGetProperty("skipInvalidRows", out var skip) && skip.GetBoolean();
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        var invalid = rows.Select((row, index) => (Index: index, Unknown: row.GetProperty("json").EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !target.Columns.Contains(n))))
            .Where(r => r.Unknown is not null)
            .ToList();
        var errors = new JsonArray();
        foreach (var (index, unknown) in invalid)
        {
            errors.Add(new JsonObject { ["index"] = index, ["errors"] = new JsonArray(new JsonObject { ["reason"] = "invalid", ["location"] = unknown, ["message"] = $"no such field: {unknown}." }) });
        }

        if (invalid.Count > 0 && !skipInvalid)
        {
            foreach (var index in Enumerable.Range(0, rows.Count).Except(invalid.Select(i => i.Index)))
            {
                errors.Add(new JsonObject { ["index"] = index, ["errors"] = new JsonArray(new JsonObject { ["reason"] = "stopped", ["message"] = string.Empty }) });
            }

            return (200, new JsonObject { ["kind"] = "bigquery#tableDataInsertAllResponse", ["insertErrors"] = errors });
        }

        foreach (var (row, index) in rows.Select((r, i) => (r, i)).Where(r => invalid.All(i => i.Index != r.i)))
        {
            var insertId = row.TryGetProperty("insertId", out var id) ? id.GetString() : null;
            if (insertId is null || _insertIds.TryAdd($"{dataset}.{table}/{insertId}", 0))
            {
                target.Add();
            }
        }

        var answer = new JsonObject { ["kind"] = "bigquery#tableDataInsertAllResponse" };
        if (errors.Count > 0)
        {
            answer["insertErrors"] = errors;
        }

        return (200, answer);
    }

    private static async Task<int> FailAsync(HttpContext context, Failure failure)
    {
        if (failure.Html)
        {
            context.Response.StatusCode = failure.Http;
            context.Response.ContentType = "text/html; charset=UTF-8";
            await context.Response.WriteAsync($"<html><head><title>{failure.Http} Server Error</title></head><body><h1>Error: Server Error</h1><p>The server encountered a temporary error.</p></body></html>");
            return failure.Http;
        }

        return await ErrorAsync(context, failure.Http, failure.Reason, failure.Status, $"fake {failure.Reason}");
    }

    private static async Task<int> ErrorAsync(HttpContext context, int http, string? reason, string? status, string message)
    {
        context.Response.StatusCode = http;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(Error(http, reason, status, message).ToJsonString());
        return http;
    }

    private static JsonObject Error(int http, string? reason, string? status, string message)
    {
        var error = new JsonObject { ["code"] = http, ["message"] = message };
        if (reason is not null)
        {
            error["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason });
        }

        if (status is not null)
        {
            error["status"] = status;
        }

        return new JsonObject { ["error"] = error };
    }

    private static Dictionary<string, string?> Parameters(JsonElement body) =>
        body.TryGetProperty("queryParameters", out var parameters)
            ? parameters.EnumerateArray().ToDictionary(
                p => p.GetProperty("name").GetString()!,
                p => p.GetProperty("parameterValue").TryGetProperty("value", out var value) ? value.GetString() : null,
                StringComparer.Ordinal)
            : new Dictionary<string, string?>(StringComparer.Ordinal);

    private static string Location(JsonElement body) => body.TryGetProperty("location", out var l) ? l.GetString()! : "US";

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<(JsonElement? Body, byte[]? Media)> ReadMultipartAsync(HttpRequest request, byte[] raw, List<string> violations)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(raw));
        // Sections are read in order: the first's body before the next section is asked for.
        var metadata = await reader.ReadNextSectionAsync();
        if (metadata is null || metadata.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            violations.Add($"{request.Path}: a multipart upload starts with a JSON part (the Job)");
            return (null, null);
        }

        var body = (await JsonDocument.ParseAsync(metadata.Body)).RootElement.Clone();
        var data = await reader.ReadNextSectionAsync();
        if (data is null)
        {
            violations.Add($"{request.Path}: a multipart upload needs a data part after the Job");
            return (body, null);
        }

        using var media = new MemoryStream();
        await data.Body.CopyToAsync(media);
        if (request.Query["uploadType"] != "multipart")
        {
            violations.Add($"{request.Path}: a multipart body needs uploadType=multipart");
        }

        return (body, media.ToArray());
    }

    private static Dictionary<string, string> Segments(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            segments.TryAdd(parts[i], Uri.UnescapeDataString(parts[i + 1]));
        }

        return segments;
    }

    [GeneratedRegex(@"`(?<name>[A-Za-z0-9_\-]+\.[A-Za-z0-9_$\-]+)`")]
    private static partial Regex Relation();

    [GeneratedRegex(@"^CREATE SCHEMA IF NOT EXISTS `(?<dataset>[A-Za-z0-9_]+)`")]
    private static partial Regex CreateSchema();

    [GeneratedRegex(@"^CREATE OR REPLACE (?<kind>TABLE|VIEW) `(?<name>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)`")]
    private static partial Regex CreateRelation();

    [GeneratedRegex(@"^DROP (TABLE|VIEW)( IF EXISTS)? `(?<name>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)`")]
    private static partial Regex DropRelation();

    /// <summary>
    /// A cued answer: an error envelope with a reason and status, or a proxy's HTML page; <see cref="AfterWork"/> does the
    /// work first and loses the answer; <see cref="When"/> keeps it for the first query whose SQL contains that text.
    /// </summary>
    public sealed record Failure(int Http, string? Reason, string? Status, bool Html = false, bool AfterWork = false, string? When = null);

    /// <summary>A recorded call.</summary>
    public sealed record Call(string? Method, string PathAndQuery, string? Token, int Status, string? Body);

    private sealed class FakeTable(HashSet<string> columns, long bytes)
    {
        private int _rows;

        public HashSet<string> Columns => columns;

        public long Bytes => bytes;

        public string Kind { get; init; } = "TABLE";

        public int Rows => Volatile.Read(ref _rows);

        public void Add() => Interlocked.Increment(ref _rows);
    }

    private sealed class JobState(string jobId, string location, FakeQuery query, JsonNode? configuration)
    {
        public string Location => location;

        public FakeQuery Query => query;

        public string? Sql { get; init; }

        public string? SessionId { get; init; }

        public int RunningPolls { get; init; }

        public (string Reason, string Message)? ErrorResult { get; init; }

        public int Polls { get; set; }

        public JsonObject Reference() => new() { ["projectId"] = Project, ["jobId"] = jobId, ["location"] = location };

        public JsonObject Job()
        {
            var done = Polls >= RunningPolls;
            var status = new JsonObject { ["state"] = done ? "DONE" : "RUNNING" };
            if (done && ErrorResult is { } error)
            {
                status["errorResult"] = new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message };
                status["errors"] = new JsonArray(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message });
            }

            return new JsonObject
            {
                ["kind"] = "bigquery#job",
                ["id"] = $"{Project}:{location}.{jobId}",
                ["jobReference"] = Reference(),
                ["configuration"] = configuration?.DeepClone(),
                ["status"] = status,
                ["statistics"] = new JsonObject { ["creationTime"] = "1706659200000" },
            };
        }
    }
}

/// <summary>
/// A query's scripted answer: its schema, its rows (built per TIMESTAMP encoding: int64 microseconds or float seconds),
/// how many polls it stays pending, the most rows per page, and the bytes it processed.
/// </summary>
internal sealed record FakeQuery(string Schema, Func<bool, IReadOnlyList<JsonNode>> Rows, int PendingPolls = 0, int PageSize = int.MaxValue, long Bytes = 0)
{
    public static FakeQuery Empty { get; } = new("""{"fields":[]}""", _ => []);
}
