using System.Net;
using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// The BigQuery REST API v2 calls the warehouse needs, over an <see cref="HttpClient"/> from <see cref="GoogleHttp"/>
/// (base address <c>.../bigquery/v2/</c>): queries with typed named parameters that wait and page through results,
/// query and load jobs with client-chosen ids, dry runs, datasets, tables and streaming inserts. Every call is retried by
/// <see cref="BigQueryRetry"/> with the same idempotency key; a failure that outlasts the retries is a
/// <see cref="GoogleApiException"/>, a job that finished with an error a <see cref="BigQueryJobException"/>.
/// </summary>
public sealed class BigQueryClient
{
    /// <summary>The scope production credentials are asked for; IAM roles then decide what is allowed (gs:// loads included).</summary>
    public const string Scope = "https://www.googleapis.com/auth/cloud-platform";

    private const string InvalidQuery = "invalidQuery";

    private readonly HttpClient _http;
    private readonly BigQueryOptions _options;
    private readonly BigQueryRetry _retry;
    private readonly TimeProvider _timeProvider;
    private readonly string _project;

    /// <summary>A client over <paramref name="http"/> (whose base address is <paramref name="endpoint"/>'s) for <paramref name="options"/>' project.</summary>
    public BigQueryClient(HttpClient http, GoogleEndpoint endpoint, BigQueryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _options = options;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _retry = new BigQueryRetry(options);
        _project = string.IsNullOrWhiteSpace(options.ProjectId)
            ? throw new PipelineException($"BigQuery needs a project id ({BigQueryOptions.SectionName}:ProjectId).")
            : options.ProjectId;
    }

    /// <summary>Where the calls go: production (https, bearer token) or an emulator (http, no credentials).</summary>
    public GoogleEndpoint Endpoint { get; }

    /// <summary>The project the jobs run in.</summary>
    public string ProjectId => _project;

    /// <summary>
    /// A client for <paramref name="options"/>: <c>BIGQUERY_EMULATOR_HOST</c> (an <c>http://</c> origin) selects an
    /// emulator per <see cref="BigQueryOptions.EmulatorDetection"/>; production uses Application Default Credentials unless
    /// <paramref name="credential"/> is given, and https only. <paramref name="connection"/> replaces the connection handler.
    /// </summary>
    public static async Task<BigQueryClient> CreateAsync(
        BigQueryOptions options, TimeProvider timeProvider, GoogleCredential? credential, HttpMessageHandler? connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = options.EffectiveEmulatorHost;
        if (host is not null && host.Trim().StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new PipelineException($"{BigQueryOptions.EmulatorHostVariable} '{host}' is https; an emulator is reached over plain http (http://host:port).");
        }

        var endpoint = GoogleEndpoint.Resolve(options.EmulatorDetection, BigQueryOptions.EmulatorHostVariable, host, options.Endpoint, "bigquery/v2/");
        if (string.IsNullOrWhiteSpace(options.ProjectId))
        {
            throw new PipelineException($"BigQuery needs a project id ({BigQueryOptions.SectionName}:ProjectId).");
        }

        var http = await GoogleHttp.CreateClientAsync(endpoint, Scope, timeProvider, credential, connection, cancellationToken);
        return new BigQueryClient(http, endpoint, options, timeProvider);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (a statement or a multi-statement script, transactions included; a script answers with
    /// its last statement's rows) and reads every row: jobs.query, then getQueryResults until the job is complete, then
    /// page by page. One <c>requestId</c> per call, kept across retries, so a retried call never runs the query twice.
    /// </summary>
    public async Task<BigQueryResult> QueryAsync(
        string sql, IReadOnlyList<BigQueryParameter>? parameters, BigQueryQueryOptions? queryOptions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        queryOptions ??= new BigQueryQueryOptions();
        var body = new QueryRequest
        {
            Query = sql,
            UseLegacySql = false,
            ParameterMode = parameters is { Count: > 0 } ? "NAMED" : null,
            QueryParameters = parameters is { Count: > 0 } ? [.. parameters.Select(p => p.ToWire())] : null,
            Location = _options.Location,
            TimeoutMs = WaitMs(_options.QueryWait),
            MaxResults = _options.PageSize,
            RequestId = Guid.NewGuid().ToString(),
            FormatOptions = new DataFormatOptions(UseInt64Timestamp: true),
            MaximumBytesBilled = BytesLimit,
            CreateSession = queryOptions.CreateSession ? true : null,
            ConnectionProperties = queryOptions.SessionId is { } session ? [new ConnectionProperty("session_id", session)] : null,
        };
        using var request = GoogleRest.Request(HttpMethod.Post, $"projects/{Escape(_project)}/queries", _retry.Query, body, BigQueryJsonContext.Default.QueryRequest);
        var first = await GoogleRest.SendAsync(_http, request, BigQueryJsonContext.Default.QueryResponse, "jobs.query", cancellationToken);
        return await ReadAllAsync(first, cancellationToken);
    }

    /// <summary>Dry-runs <paramref name="sql"/>: validated and estimated, never run, never billed. An invalid query is a <see cref="GoogleApiException"/> (<c>invalidQuery</c>, <c>notFound</c>).</summary>
    public async Task<BigQueryDryRun> DryRunAsync(string sql, IReadOnlyList<BigQueryParameter>? parameters, CancellationToken cancellationToken)
    {
        var job = await InsertJobAsync(new JobConfiguration { Query = QueryConfiguration(sql, parameters), DryRun = true }, "dryrun", cancellationToken);
        var statistics = job.Statistics?.Query;
        return new BigQueryDryRun(statistics?.TotalBytesProcessed ?? job.Statistics?.TotalBytesProcessed ?? 0, statistics?.Schema?.Fields ?? []);
    }

    /// <summary>
    /// Runs a query job writing to <paramref name="destination"/> (a <c>$YYYYMMDD</c> decorator replaces one partition with
    /// <c>WRITE_TRUNCATE</c>) and waits for it.
    /// </summary>
    public Task<BigQueryJob> RunQueryJobAsync(
        string sql, IReadOnlyList<BigQueryParameter>? parameters, TableReference destination, string writeDisposition, string createDisposition, CancellationToken cancellationToken) =>
        RunJobAsync(
            new JobConfiguration
            {
                Query = QueryConfiguration(sql, parameters) with
                {
                    DestinationTable = destination,
                    WriteDisposition = writeDisposition,
                    CreateDisposition = createDisposition,
                },
            },
            "query",
            cancellationToken);

    /// <summary>Loads files named by <c>gs://</c> URIs into the table of <paramref name="load"/> and waits for the job.</summary>
    public Task<BigQueryJob> LoadFromStorageAsync(JobConfigurationLoad load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (load.SourceUris is not { Count: > 0 } uris || uris.Any(u => !u.StartsWith("gs://", StringComparison.Ordinal)))
        {
            throw new PipelineException("a load from Cloud Storage needs one or more gs://bucket/path URIs.");
        }

        return RunJobAsync(new JobConfiguration { Load = load }, "load", cancellationToken);
    }

    /// <summary>
    /// Loads <paramref name="data"/> (such as CSV rows) into the table of <paramref name="load"/> by a multipart upload to
    /// the upload endpoint, then waits for the job. A seekable stream is sent again on a retry (the job id makes the repeat
    /// a 409 that finds the job); any other is sent once.
    /// </summary>
    public async Task<BigQueryJob> UploadAsync(JobConfigurationLoad load, Stream data, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(data);
        if (load.SourceUris is not null)
        {
            throw new PipelineException("an upload carries its data itself; leave sourceUris unset.");
        }

        var job = NewJob(new JobConfiguration { Load = load }, "load");
        var rule = data.CanSeek ? _retry.Upload : _retry.Upload with { MaxAttempts = 1 };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/upload/bigquery/v2/projects/{Escape(_project)}/jobs?uploadType=multipart", UriKind.Relative));
        request.Options.Set(GoogleRetryRule.Key, rule);
        var metadata = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(job, BigQueryJsonContext.Default.BigQueryJob)) { Headers = { ContentType = GoogleRest.JsonContentType } };
        var media = new StreamContent(data) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } };
        request.Content = new MultipartContent("related") { metadata, media };
        var inserted = await InsertAsync(request, job.JobReference!, cancellationToken);
        return await WaitForJobAsync(inserted, cancellationToken);
    }

    /// <summary>Inserts a job with a client-chosen id (<paramref name="prefix"/>_<c>yyyyMMdd</c>_uuid) and waits until it is DONE.</summary>
    public async Task<BigQueryJob> RunJobAsync(JobConfiguration configuration, string prefix, CancellationToken cancellationToken) =>
        await WaitForJobAsync(await InsertJobAsync(configuration, prefix, cancellationToken), cancellationToken);

    /// <summary>
    /// Inserts a job under a new client-chosen id, so a retried insert is recognised: a 409 <c>duplicate</c> for that id
    /// means an earlier attempt created the job, which is then read instead.
    /// </summary>
    public async Task<BigQueryJob> InsertJobAsync(JobConfiguration configuration, string prefix, CancellationToken cancellationToken)
    {
        var job = NewJob(configuration, prefix);
        using var request = GoogleRest.Request(HttpMethod.Post, $"projects/{Escape(_project)}/jobs", _retry.Metadata, job, BigQueryJsonContext.Default.BigQueryJob);
        return await InsertAsync(request, job.JobReference!, cancellationToken);
    }

    /// <summary>Reads a job's state.</summary>
    public async Task<BigQueryJob> GetJobAsync(JobReference job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var request = GoogleRest.Request(HttpMethod.Get, $"{JobPath(job)}{LocationQuery(job, '?')}", _retry.Metadata);
        return await GoogleRest.SendAsync(_http, request, BigQueryJsonContext.Default.BigQueryJob, $"jobs.get {job.JobId}", cancellationToken);
    }

    /// <summary>
    /// Polls jobs.get until the job is DONE (backoff from <see cref="BigQueryOptions.InitialBackoff"/>, times 1.5, at most
    /// 15 s); a DONE job with an <c>errorResult</c> is a <see cref="BigQueryJobException"/>; one still running after
    /// <see cref="BigQueryOptions.JobTimeout"/> is cancelled.
    /// </summary>
    public async Task<BigQueryJob> WaitForJobAsync(BigQueryJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var reference = job.JobReference ?? throw new PipelineException("a job without a reference cannot be waited for.");
        var deadline = _timeProvider.GetUtcNow() + _options.JobTimeout;
        var delay = _options.InitialBackoff;
        while (job.Status?.State != "DONE" && job.Configuration.DryRun != true)
        {
            if (_timeProvider.GetUtcNow() >= deadline)
            {
                await CancelJobAsync(reference, cancellationToken);
                throw new GoogleApiException($"job {reference.JobId}", null, new GoogleApiError(0, GoogleStatus.DeadlineExceeded, null, $"still {job.Status?.State} after {_options.JobTimeout}; cancelled"));
            }

            await Task.Delay(delay, _timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * 1.5), TimeSpan.FromSeconds(15).Ticks));
            job = await GetJobAsync(reference, cancellationToken);
        }

        return job.Status?.ErrorResult is { } error ? throw new BigQueryJobException(job, error) : job;
    }

    /// <summary>Asks BigQuery to cancel a job; it may still finish.</summary>
    public async Task CancelJobAsync(JobReference job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var request = GoogleRest.Request(HttpMethod.Post, $"{JobPath(job)}/cancel{LocationQuery(job, '?')}", _retry.Metadata);
        (await GoogleRest.SendAsync(_http, request, $"jobs.cancel {job.JobId}", cancellationToken)).Dispose();
    }

    /// <summary>The statements of a script, as child jobs (statement type, rows changed, errors), newest first as BigQuery lists them.</summary>
    public async Task<IReadOnlyList<BigQueryJob>> ListChildJobsAsync(JobReference script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        var jobs = new List<BigQueryJob>();
        string? token = null;
        do
        {
            var path = $"projects/{Escape(_project)}/jobs?parentJobId={Escape(script.JobId)}{(token is null ? string.Empty : $"&pageToken={Escape(token)}")}";
            using var request = GoogleRest.Request(HttpMethod.Get, path, _retry.Metadata);
            var page = await GoogleRest.SendAsync(_http, request, BigQueryJsonContext.Default.JobList, $"jobs.list of {script.JobId}", cancellationToken);
            jobs.AddRange(page.Jobs ?? []);
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);
        return jobs;
    }

    /// <summary>Creates the dataset in <see cref="BigQueryOptions.Location"/>; false when it already existed (409 <c>duplicate</c>), which is kept as it is.</summary>
    public async Task<bool> CreateDatasetAsync(string datasetId, CancellationToken cancellationToken)
    {
        var body = new DatasetResource(new DatasetReference(_project, datasetId), _options.Location, new Dictionary<string, string> { ["app"] = "olist" });
        using var request = GoogleRest.Request(HttpMethod.Post, $"projects/{Escape(_project)}/datasets", _retry.Metadata, body, BigQueryJsonContext.Default.DatasetResource);
        return await CreateAsync(request, $"datasets.insert {datasetId}", cancellationToken);
    }

    /// <summary>Creates the table; false when it already existed (409), which is kept as it is.</summary>
    public async Task<bool> CreateTableAsync(BigQueryTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var reference = table.TableReference;
        using var request = GoogleRest.Request(
            HttpMethod.Post, $"projects/{Escape(reference.ProjectId)}/datasets/{Escape(reference.DatasetId)}/tables", _retry.Metadata, table, BigQueryJsonContext.Default.BigQueryTable);
        return await CreateAsync(request, $"tables.insert {reference.DatasetId}.{reference.TableId}", cancellationToken);
    }

    /// <summary>Reads a table's metadata; null when it does not exist (404 <c>notFound</c>).</summary>
    public async Task<BigQueryTable?> GetTableAsync(string datasetId, string tableId, CancellationToken cancellationToken)
    {
        using var request = GoogleRest.Request(HttpMethod.Get, TablePath(datasetId, tableId), _retry.Metadata);
        using var response = await GoogleRest.TrySendAsync(_http, request, $"tables.get {datasetId}.{tableId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new GoogleApiException($"tables.get {datasetId}.{tableId}", null, await GoogleApiError.ReadAsync(response, cancellationToken));
        }

        return await GoogleRest.ReadAsync(response, BigQueryJsonContext.Default.BigQueryTable, $"tables.get {datasetId}.{tableId}", cancellationToken);
    }

    /// <summary>Deletes a table; false when it was already gone (404). Any 2xx is success, with or without a body.</summary>
    public async Task<bool> DeleteTableAsync(string datasetId, string tableId, CancellationToken cancellationToken)
    {
        using var request = GoogleRest.Request(HttpMethod.Delete, TablePath(datasetId, tableId), _retry.Metadata);
        using var response = await GoogleRest.TrySendAsync(_http, request, $"tables.delete {datasetId}.{tableId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        return response.IsSuccessStatusCode
            ? true
            : throw new GoogleApiException($"tables.delete {datasetId}.{tableId}", null, await GoogleApiError.ReadAsync(response, cancellationToken));
    }

    /// <summary>
    /// Streams rows into a table (tabledata.insertAll) and returns the rows BigQuery refused, by index: a 200 can still
    /// refuse rows. Without <paramref name="skipInvalidRows"/> one bad row refuses the whole batch (the others come back
    /// <c>stopped</c>, to be sent again unchanged). Insert ids make a retry best-effort idempotent, for about a minute only.
    /// </summary>
    public async Task<IReadOnlyList<InsertAllError>> InsertAllAsync(
        string datasetId, string tableId, IReadOnlyList<InsertAllRow> rows, bool skipInvalidRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var rule = rows.All(r => r.InsertId is not null) ? _retry.Metadata : _retry.Metadata with { MaxAttempts = 1 };
        using var request = GoogleRest.Request(
            HttpMethod.Post, $"{TablePath(datasetId, tableId)}/insertAll", rule, new InsertAllRequest(rows, skipInvalidRows, IgnoreUnknownValues: false), BigQueryJsonContext.Default.InsertAllRequest);
        var response = await GoogleRest.SendAsync(_http, request, BigQueryJsonContext.Default.InsertAllResponse, $"insertAll {datasetId}.{tableId}", cancellationToken);
        return response.InsertErrors ?? [];
    }

    /// <summary>True when <paramref name="exception"/> is BigQuery refusing the SQL itself (<c>invalidQuery</c>), as opposed to the call failing.</summary>
    public static bool IsInvalidQuery(GoogleApiException exception) => exception?.Reason == InvalidQuery;

    private long? BytesLimit => _options.MaximumBytesBilled is > 0 ? _options.MaximumBytesBilled : null;

    private JobConfigurationQuery QueryConfiguration(string sql, IReadOnlyList<BigQueryParameter>? parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return new JobConfigurationQuery
        {
            Query = sql,
            UseLegacySql = false,
            ParameterMode = parameters is { Count: > 0 } ? "NAMED" : null,
            QueryParameters = parameters is { Count: > 0 } ? [.. parameters.Select(p => p.ToWire())] : null,
            MaximumBytesBilled = BytesLimit,
        };
    }

    private BigQueryJob NewJob(JobConfiguration configuration, string prefix)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var day = _timeProvider.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new BigQueryJob
        {
            JobReference = new JobReference(_project, $"{prefix}_{day}_{Guid.NewGuid():N}", _options.Location),
            Configuration = configuration,
        };
    }

    private async Task<BigQueryJob> InsertAsync(HttpRequestMessage request, JobReference reference, CancellationToken cancellationToken)
    {
        var operation = $"jobs.insert {reference.JobId}";
        using var response = await GoogleRest.TrySendAsync(_http, request, operation, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await GoogleRest.ReadAsync(response, BigQueryJsonContext.Default.BigQueryJob, operation, cancellationToken);
        }

        var error = await GoogleApiError.ReadAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && error.Reason == "duplicate")
        {
            // A retry of an insert that had reached BigQuery: the job is there under our id.
            return await GetJobAsync(reference, cancellationToken);
        }

        throw new GoogleApiException(operation, null, error);
    }

    private async Task<bool> CreateAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        using var response = await GoogleRest.TrySendAsync(_http, request, operation, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        return response.StatusCode == HttpStatusCode.Conflict
            ? false
            : throw new GoogleApiException(operation, null, await GoogleApiError.ReadAsync(response, cancellationToken));
    }

    private async Task<BigQueryResult> ReadAllAsync(QueryResponse first, CancellationToken cancellationToken)
    {
        var page = first;
        var deadline = _timeProvider.GetUtcNow() + _options.JobTimeout;
        var rowsRead = true;
        while (!page.JobComplete)
        {
            var job = page.JobReference ?? throw new PipelineException("BigQuery answered an unfinished query without its job.");
            var remaining = deadline - _timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                await CancelJobAsync(job, cancellationToken);
                throw new GoogleApiException($"query job {job.JobId}", null, new GoogleApiError(0, GoogleStatus.DeadlineExceeded, null, $"not complete after {_options.JobTimeout}; cancelled"));
            }

            // The server holds this call until the job completes or timeoutMs passes: no client-side sleep.
            page = await GetQueryResultsAsync(job, pageToken: null, maxResults: 0, WaitMs(remaining < _options.QueryWait ? remaining : _options.QueryWait), cancellationToken);
            rowsRead = false;
        }

        var schema = page.Schema?.Fields ?? [];
        var job0 = page.JobReference;
        var rows = new List<BigQueryRow>();
        if (!rowsRead && job0 is not null)
        {
            page = await GetQueryResultsAsync(job0, pageToken: null, _options.PageSize, timeoutMs: null, cancellationToken);
            schema = page.Schema?.Fields ?? schema;
        }

        var summary = page;
        Decode(page, schema, rows);
        while (!string.IsNullOrEmpty(page.PageToken) && job0 is not null)
        {
            page = await GetQueryResultsAsync(job0, page.PageToken, _options.PageSize, timeoutMs: null, cancellationToken);
            Decode(page, schema, rows);
        }

        return new BigQueryResult(
            job0,
            schema,
            rows,
            summary.TotalRows ?? rows.Count,
            first.TotalBytesProcessed ?? summary.TotalBytesProcessed,
            first.NumDmlAffectedRows ?? summary.NumDmlAffectedRows,
            first.CacheHit ?? summary.CacheHit ?? false,
            first.SessionInfo?.SessionId);
    }

    private static void Decode(QueryResponse page, IReadOnlyList<TableFieldSchema> schema, List<BigQueryRow> rows)
    {
        foreach (var row in page.Rows ?? [])
        {
            rows.Add(BigQueryRow.Decode(schema, row, int64Timestamps: true));
        }
    }

    /// <summary>jobs.getQueryResults: <paramref name="pageToken"/> alone names the page (never with startIndex), <c>location</c> always passed on.</summary>
    private async Task<QueryResponse> GetQueryResultsAsync(JobReference job, string? pageToken, int maxResults, int? timeoutMs, CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"projects/{Escape(job.ProjectId)}/queries/{Escape(job.JobId)}?maxResults={maxResults.ToString(CultureInfo.InvariantCulture)}&formatOptions.useInt64Timestamp=true");
        query.Append(LocationQuery(job, '&'));
        if (timeoutMs is { } wait)
        {
            query.Append(CultureInfo.InvariantCulture, $"&timeoutMs={wait}");
        }

        if (pageToken is not null)
        {
            query.Append("&pageToken=").Append(Escape(pageToken));
        }

        using var request = GoogleRest.Request(HttpMethod.Get, query.ToString(), _retry.Query);
        return await GoogleRest.SendAsync(_http, request, BigQueryJsonContext.Default.QueryResponse, $"jobs.getQueryResults {job.JobId}", cancellationToken);
    }

    private string TablePath(string datasetId, string tableId) =>
        $"projects/{Escape(_project)}/datasets/{Escape(datasetId)}/tables/{Escape(tableId)}";

    private static string JobPath(JobReference job) => $"projects/{Escape(job.ProjectId)}/jobs/{Escape(job.JobId)}";

    private static string LocationQuery(JobReference job, char separator) =>
        string.IsNullOrEmpty(job.Location) ? string.Empty : $"{separator}location={Escape(job.Location)}";

    private static int WaitMs(TimeSpan wait) => (int)Math.Clamp(wait.TotalMilliseconds, 0, int.MaxValue);

    /// <summary>Path segments escaped: table ids may carry a partition decorator (<c>$</c>) or Unicode.</summary>
    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
