using System.Text.Json.Serialization;

namespace Olist.Pipeline.Gcp.BigQuery;

// The wire shapes of BigQuery REST v2 the client sends and reads, named as in Google's discovery document. 64-bit
// numbers travel as JSON strings (Int64 attribute); 32-bit ones as numbers. Unset fields are left out.

/// <summary>A project, dataset and table, as BigQuery names a table (<c>tableId</c> may carry a partition decorator <c>t$20240131</c>).</summary>
public sealed record TableReference(
    string ProjectId,
    string DatasetId,
    string TableId);

/// <summary>A dataset, as BigQuery names it.</summary>
public sealed record DatasetReference(
    string? ProjectId,
    string DatasetId);

/// <summary>A job, as BigQuery names it: its project, its id and where it runs.</summary>
public sealed record JobReference(
    string ProjectId,
    string JobId,
    string? Location);

/// <summary>One column of a table or result schema; <see cref="Fields"/> for a RECORD.</summary>
public sealed record TableFieldSchema(
    string Name,
    string Type,
    string? Mode = null,
    IReadOnlyList<TableFieldSchema>? Fields = null,
    string? Description = null)
{
    /// <summary>True for a REPEATED column (an ARRAY).</summary>
    [JsonIgnore]
    public bool IsRepeated => string.Equals(Mode, "REPEATED", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A table's or a result's columns.</summary>
public sealed record TableSchema(IReadOnlyList<TableFieldSchema>? Fields);

/// <summary>Day (or hour, month, year) partitioning of a table by a column, or by load time when <see cref="Field"/> is unset.</summary>
public sealed record TimePartitioning(
    string Type,
    string? Field = null);

/// <summary>One error or warning of BigQuery: a reason such as <c>invalidQuery</c> and a message.</summary>
public sealed record ErrorProto(
    string? Reason,
    string? Message,
    string? Location = null);

/// <summary>The type of a query parameter: a scalar type name, or ARRAY with its element type.</summary>
public sealed record QueryParameterType(
    string Type,
    QueryParameterType? ArrayType = null);

/// <summary>The value of a query parameter: a scalar as text, or array values; neither for NULL.</summary>
public sealed record QueryParameterValue(
    string? Value = null,
    IReadOnlyList<QueryParameterValue>? ArrayValues = null);

/// <summary>A named query parameter (<c>@name</c>) as the wire carries it.</summary>
public sealed record QueryParameter(
    string Name,
    QueryParameterType ParameterType,
    QueryParameterValue ParameterValue);

/// <summary>A key and value of a query's connection, such as <c>session_id</c>.</summary>
public sealed record ConnectionProperty(
    string Key,
    string Value);

/// <summary>How result cells are encoded: TIMESTAMP as int64 microseconds, losslessly.</summary>
public sealed record DataFormatOptions(bool UseInt64Timestamp);

/// <summary>A session a query created or ran in.</summary>
public sealed record SessionInfo(string? SessionId);

internal sealed record QueryRequest
{
    public required string Query { get; init; }

    public bool UseLegacySql { get; init; }

    public string? ParameterMode { get; init; }

    public IReadOnlyList<QueryParameter>? QueryParameters { get; init; }

    public string? Location { get; init; }

    public int? TimeoutMs { get; init; }

    public int? MaxResults { get; init; }

    public string? RequestId { get; init; }

    public DataFormatOptions? FormatOptions { get; init; }

    public bool? DryRun { get; init; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? MaximumBytesBilled { get; init; }

    public bool? CreateSession { get; init; }

    public IReadOnlyList<ConnectionProperty>? ConnectionProperties { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>A page of a query's answer: jobs.query's and jobs.getQueryResults' fields the client reads.</summary>
internal sealed record QueryResponse
{
    public JobReference? JobReference { get; init; }

    public bool JobComplete { get; init; }

    public TableSchema? Schema { get; init; }

    public IReadOnlyList<JsonElement>? Rows { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalRows { get; init; }

    public string? PageToken { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesProcessed { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumDmlAffectedRows { get; init; }

    public bool? CacheHit { get; init; }

    public SessionInfo? SessionInfo { get; init; }

    public IReadOnlyList<ErrorProto>? Errors { get; init; }
}

/// <summary>A job: its reference, what it does, how it stands and what it did (the fields the client sends and reads).</summary>
public sealed record BigQueryJob
{
    /// <summary>The job's project, client-chosen id and location.</summary>
    public JobReference? JobReference { get; init; }

    /// <summary>What the job does.</summary>
    public required JobConfiguration Configuration { get; init; }

    /// <summary>PENDING, RUNNING or DONE, and the error of a failed job (read only).</summary>
    public JobStatus? Status { get; init; }

    /// <summary>Bytes, rows and child jobs (read only).</summary>
    public JobStatistics? Statistics { get; init; }
}

/// <summary>A job's configuration: a query or a load.</summary>
public sealed record JobConfiguration
{
    /// <summary>A query job.</summary>
    public JobConfigurationQuery? Query { get; init; }

    /// <summary>A load job.</summary>
    public JobConfigurationLoad? Load { get; init; }

    /// <summary>Validate and estimate only.</summary>
    public bool? DryRun { get; init; }

    /// <summary>Labels for billing reports.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>A query job's configuration, such as writing a SELECT to a table or one partition of it.</summary>
public sealed record JobConfigurationQuery
{
    /// <summary>GoogleSQL text.</summary>
    public required string Query { get; init; }

    /// <summary>Always false: the server's default is legacy SQL.</summary>
    public bool UseLegacySql { get; init; }

    /// <summary><c>NAMED</c> when there are parameters.</summary>
    public string? ParameterMode { get; init; }

    /// <summary>The named parameters.</summary>
    public IReadOnlyList<QueryParameter>? QueryParameters { get; init; }

    /// <summary>Where the result goes; a <c>$YYYYMMDD</c> decorator names one partition.</summary>
    public TableReference? DestinationTable { get; init; }

    /// <summary><c>WRITE_TRUNCATE</c>, <c>WRITE_APPEND</c> or <c>WRITE_EMPTY</c> (the default for queries).</summary>
    public string? WriteDisposition { get; init; }

    /// <summary><c>CREATE_IF_NEEDED</c> or <c>CREATE_NEVER</c>.</summary>
    public string? CreateDisposition { get; init; }

    /// <summary>The most bytes the job may bill.</summary>
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? MaximumBytesBilled { get; init; }

    /// <summary>Start a session; its id comes back in the statistics.</summary>
    public bool? CreateSession { get; init; }

    /// <summary>Such as the <c>session_id</c> to run in.</summary>
    public IReadOnlyList<ConnectionProperty>? ConnectionProperties { get; init; }
}

/// <summary>A load job's configuration: from <c>gs://</c> URIs or an uploaded stream into a table.</summary>
public sealed record JobConfigurationLoad
{
    /// <summary>The <c>gs://bucket/path</c> files (one <c>*</c> allowed after the bucket); unset for an upload.</summary>
    public IReadOnlyList<string>? SourceUris { get; init; }

    /// <summary><c>CSV</c> (the default), <c>NEWLINE_DELIMITED_JSON</c>, <c>PARQUET</c>, ...</summary>
    public string? SourceFormat { get; init; }

    /// <summary>The table (or partition) loaded.</summary>
    public required TableReference DestinationTable { get; init; }

    /// <summary>The columns; unset with <see cref="Autodetect"/>.</summary>
    public TableSchema? Schema { get; init; }

    /// <summary>Infer the schema from the data.</summary>
    public bool? Autodetect { get; init; }

    /// <summary>Header rows to skip (CSV).</summary>
    public int? SkipLeadingRows { get; init; }

    /// <summary>Quoted fields may hold line breaks (CSV).</summary>
    public bool? AllowQuotedNewlines { get; init; }

    /// <summary>The CSV separator.</summary>
    public string? FieldDelimiter { get; init; }

    /// <summary><c>UTF-8</c> or <c>ISO-8859-1</c>.</summary>
    public string? Encoding { get; init; }

    /// <summary>Bad records tolerated before the job fails; 0 by default.</summary>
    public int? MaxBadRecords { get; init; }

    /// <summary>The text that means NULL (CSV).</summary>
    public string? NullMarker { get; init; }

    /// <summary><c>WRITE_APPEND</c> (the default for loads), <c>WRITE_TRUNCATE</c> or <c>WRITE_EMPTY</c>.</summary>
    public string? WriteDisposition { get; init; }

    /// <summary><c>CREATE_IF_NEEDED</c> or <c>CREATE_NEVER</c>.</summary>
    public string? CreateDisposition { get; init; }

    /// <summary>Partitioning of a table the load creates.</summary>
    public TimePartitioning? TimePartitioning { get; init; }
}

/// <summary>How a job stands: PENDING, RUNNING or DONE; a DONE job with <see cref="ErrorResult"/> failed.</summary>
public sealed record JobStatus(
    string? State,
    ErrorProto? ErrorResult = null,
    IReadOnlyList<ErrorProto>? Errors = null);

/// <summary>What a job did, as far as the client reads it.</summary>
public sealed record JobStatistics
{
    /// <summary>Bytes the job processed (estimated for a dry run).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesProcessed { get; init; }

    /// <summary>A script's statements run as child jobs.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumChildJobs { get; init; }

    /// <summary>The script this job is a statement of.</summary>
    public string? ParentJobId { get; init; }

    /// <summary>The session the job ran in.</summary>
    public SessionInfo? SessionInfo { get; init; }

    /// <summary>A query job's statistics.</summary>
    public QueryStatistics? Query { get; init; }

    /// <summary>A load job's statistics.</summary>
    public LoadStatistics? Load { get; init; }
}

/// <summary>A query job's statement type, rows changed and bytes.</summary>
public sealed record QueryStatistics
{
    /// <summary>Such as SELECT, INSERT, MERGE, SCRIPT, CREATE_TABLE_AS_SELECT.</summary>
    public string? StatementType { get; init; }

    /// <summary>Rows a DML statement changed.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumDmlAffectedRows { get; init; }

    /// <summary>Bytes processed.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesProcessed { get; init; }

    /// <summary>Bytes billed.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesBilled { get; init; }

    /// <summary>The result's columns (also for a dry run).</summary>
    public TableSchema? Schema { get; init; }
}

/// <summary>A load job's rows and files.</summary>
public sealed record LoadStatistics
{
    /// <summary>Rows written.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? OutputRows { get; init; }

    /// <summary>Records skipped as bad (up to maxBadRecords).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? BadRecords { get; init; }

    /// <summary>Files read.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? InputFiles { get; init; }
}

internal sealed record JobList(
    IReadOnlyList<BigQueryJob>? Jobs,
    string? NextPageToken);

internal sealed record DatasetResource(
    DatasetReference DatasetReference,
    string? Location,
    IReadOnlyDictionary<string, string>? Labels);

/// <summary>A table: its name, columns and partitioning (and, read back, its rows and kind).</summary>
public sealed record BigQueryTable
{
    /// <summary>The table's name.</summary>
    public required TableReference TableReference { get; init; }

    /// <summary>Its columns.</summary>
    public TableSchema? Schema { get; init; }

    /// <summary>Its partitioning.</summary>
    public TimePartitioning? TimePartitioning { get; init; }

    /// <summary>Rows (read only).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumRows { get; init; }

    /// <summary>TABLE, VIEW, ... (read only).</summary>
    public string? Type { get; init; }
}

/// <summary>One row to stream: its dedup id and its columns as JSON (INT64 as strings, RECORD as objects, REPEATED as arrays).</summary>
public sealed record InsertAllRow(
    string? InsertId,
    IReadOnlyDictionary<string, JsonElement> Json);

internal sealed record InsertAllRequest(
    IReadOnlyList<InsertAllRow> Rows,
    bool SkipInvalidRows,
    bool IgnoreUnknownValues);

/// <summary>The errors of one row of a streamed batch, by its index in the request.</summary>
public sealed record InsertAllError(
    int Index,
    IReadOnlyList<ErrorProto> Errors);

internal sealed record InsertAllResponse(IReadOnlyList<InsertAllError>? InsertErrors);

/// <summary>Source-generated JSON of the BigQuery REST calls.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(QueryResponse))]
[JsonSerializable(typeof(BigQueryJob))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(DatasetResource))]
[JsonSerializable(typeof(BigQueryTable))]
[JsonSerializable(typeof(InsertAllRequest))]
[JsonSerializable(typeof(InsertAllResponse))]
internal sealed partial class BigQueryJsonContext : JsonSerializerContext;
