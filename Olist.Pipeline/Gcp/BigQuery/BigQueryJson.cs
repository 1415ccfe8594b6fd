using System.Text.Json;
using System.Text.Json.Serialization;

namespace Olist.Pipeline.Gcp.BigQuery;

// The wire shapes of BigQuery REST v2 the client sends and reads, named as in Google's discovery document. 64-bit
// numbers travel as JSON strings (Int64 attribute); 32-bit ones as numbers. Unset fields are left out.

/// <summary>A project, dataset and table, as BigQuery names a table (<c>tableId</c> may carry a partition decorator <c>t$20240131</c>).</summary>
public sealed record TableReference(
    [property: JsonPropertyName("projectId")] string ProjectId,
    [property: JsonPropertyName("datasetId")] string DatasetId,
    [property: JsonPropertyName("tableId")] string TableId);

/// <summary>A dataset, as BigQuery names it.</summary>
public sealed record DatasetReference(
    [property: JsonPropertyName("projectId")] string? ProjectId,
    [property: JsonPropertyName("datasetId")] string DatasetId);

/// <summary>A job, as BigQuery names it: its project, its id and where it runs.</summary>
public sealed record JobReference(
    [property: JsonPropertyName("projectId")] string ProjectId,
    [property: JsonPropertyName("jobId")] string JobId,
    [property: JsonPropertyName("location")] string? Location);

/// <summary>One column of a table or result schema; <see cref="Fields"/> for a RECORD.</summary>
public sealed record TableFieldSchema(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("mode")] string? Mode = null,
    [property: JsonPropertyName("fields")] IReadOnlyList<TableFieldSchema>? Fields = null,
    [property: JsonPropertyName("description")] string? Description = null)
{
    /// <summary>True for a REPEATED column (an ARRAY).</summary>
    [JsonIgnore]
    public bool IsRepeated => string.Equals(Mode, "REPEATED", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A table's or a result's columns.</summary>
public sealed record TableSchema([property: JsonPropertyName("fields")] IReadOnlyList<TableFieldSchema>? Fields);

/// <summary>Day (or hour, month, year) partitioning of a table by a column, or by load time when <see cref="Field"/> is unset.</summary>
public sealed record TimePartitioning(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("field")] string? Field = null);

/// <summary>One error or warning of BigQuery: a reason such as <c>invalidQuery</c> and a message.</summary>
public sealed record ErrorProto(
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("location")] string? Location = null);

/// <summary>The type of a query parameter: a scalar type name, or ARRAY with its element type.</summary>
public sealed record QueryParameterType(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("arrayType")] QueryParameterType? ArrayType = null);

/// <summary>The value of a query parameter: a scalar as text, or array values; neither for NULL.</summary>
public sealed record QueryParameterValue(
    [property: JsonPropertyName("value")] string? Value = null,
    [property: JsonPropertyName("arrayValues")] IReadOnlyList<QueryParameterValue>? ArrayValues = null);

/// <summary>A named query parameter (<c>@name</c>) as the wire carries it.</summary>
public sealed record QueryParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parameterType")] QueryParameterType ParameterType,
    [property: JsonPropertyName("parameterValue")] QueryParameterValue ParameterValue);

/// <summary>A key and value of a query's connection, such as <c>session_id</c>.</summary>
public sealed record ConnectionProperty(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("value")] string Value);

/// <summary>How result cells are encoded: TIMESTAMP as int64 microseconds, losslessly.</summary>
public sealed record DataFormatOptions([property: JsonPropertyName("useInt64Timestamp")] bool UseInt64Timestamp);

/// <summary>A session a query created or ran in.</summary>
public sealed record SessionInfo([property: JsonPropertyName("sessionId")] string? SessionId);

internal sealed record QueryRequest
{
    [JsonPropertyName("query")]
    public required string Query { get; init; }

    [JsonPropertyName("useLegacySql")]
    public bool UseLegacySql { get; init; }

    [JsonPropertyName("parameterMode")]
    public string? ParameterMode { get; init; }

    [JsonPropertyName("queryParameters")]
    public IReadOnlyList<QueryParameter>? QueryParameters { get; init; }

    [JsonPropertyName("location")]
    public string? Location { get; init; }

    [JsonPropertyName("timeoutMs")]
    public int? TimeoutMs { get; init; }

    [JsonPropertyName("maxResults")]
    public int? MaxResults { get; init; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("formatOptions")]
    public DataFormatOptions? FormatOptions { get; init; }

    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; init; }

    [JsonPropertyName("maximumBytesBilled")]
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? MaximumBytesBilled { get; init; }

    [JsonPropertyName("createSession")]
    public bool? CreateSession { get; init; }

    [JsonPropertyName("connectionProperties")]
    public IReadOnlyList<ConnectionProperty>? ConnectionProperties { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>A page of a query's answer: jobs.query's and jobs.getQueryResults' fields the client reads.</summary>
internal sealed record QueryResponse
{
    [JsonPropertyName("jobReference")]
    public JobReference? JobReference { get; init; }

    [JsonPropertyName("jobComplete")]
    public bool JobComplete { get; init; }

    [JsonPropertyName("schema")]
    public TableSchema? Schema { get; init; }

    [JsonPropertyName("rows")]
    public IReadOnlyList<JsonElement>? Rows { get; init; }

    [JsonPropertyName("totalRows")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalRows { get; init; }

    [JsonPropertyName("pageToken")]
    public string? PageToken { get; init; }

    [JsonPropertyName("totalBytesProcessed")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesProcessed { get; init; }

    [JsonPropertyName("numDmlAffectedRows")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumDmlAffectedRows { get; init; }

    [JsonPropertyName("cacheHit")]
    public bool? CacheHit { get; init; }

    [JsonPropertyName("sessionInfo")]
    public SessionInfo? SessionInfo { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<ErrorProto>? Errors { get; init; }
}

/// <summary>A job: its reference, what it does, how it stands and what it did (the fields the client sends and reads).</summary>
public sealed record BigQueryJob
{
    /// <summary>The job's project, client-chosen id and location.</summary>
    [JsonPropertyName("jobReference")]
    public JobReference? JobReference { get; init; }

    /// <summary>What the job does.</summary>
    [JsonPropertyName("configuration")]
    public required JobConfiguration Configuration { get; init; }

    /// <summary>PENDING, RUNNING or DONE, and the error of a failed job (read only).</summary>
    [JsonPropertyName("status")]
    public JobStatus? Status { get; init; }

    /// <summary>Bytes, rows and child jobs (read only).</summary>
    [JsonPropertyName("statistics")]
    public JobStatistics? Statistics { get; init; }
}

/// <summary>A job's configuration: a query or a load.</summary>
public sealed record JobConfiguration
{
    /// <summary>A query job.</summary>
    [JsonPropertyName("query")]
    public JobConfigurationQuery? Query { get; init; }

    /// <summary>A load job.</summary>
    [JsonPropertyName("load")]
    public JobConfigurationLoad? Load { get; init; }

    /// <summary>Validate and estimate only.</summary>
    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; init; }

    /// <summary>Labels for billing reports.</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>A query job's configuration, such as writing a SELECT to a table or one partition of it.</summary>
public sealed record JobConfigurationQuery
{
    /// <summary>GoogleSQL text.</summary>
    [JsonPropertyName("query")]
    public required string Query { get; init; }

    /// <summary>Always false: the server's default is legacy SQL.</summary>
    [JsonPropertyName("useLegacySql")]
    public bool UseLegacySql { get; init; }

    /// <summary><c>NAMED</c> when there are parameters.</summary>
    [JsonPropertyName("parameterMode")]
    public string? ParameterMode { get; init; }

    /// <summary>The named parameters.</summary>
    [JsonPropertyName("queryParameters")]
    public IReadOnlyList<QueryParameter>? QueryParameters { get; init; }

    /// <summary>Where the result goes; a <c>$YYYYMMDD</c> decorator names one partition.</summary>
    [JsonPropertyName("destinationTable")]
    public TableReference? DestinationTable { get; init; }

    /// <summary><c>WRITE_TRUNCATE</c>, <c>WRITE_APPEND</c> or <c>WRITE_EMPTY</c> (the default for queries).</summary>
    [JsonPropertyName("writeDisposition")]
    public string? WriteDisposition { get; init; }

    /// <summary><c>CREATE_IF_NEEDED</c> or <c>CREATE_NEVER</c>.</summary>
    [JsonPropertyName("createDisposition")]
    public string? CreateDisposition { get; init; }

    /// <summary>The most bytes the job may bill.</summary>
    [JsonPropertyName("maximumBytesBilled")]
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? MaximumBytesBilled { get; init; }

    /// <summary>Start a session; its id comes back in the statistics.</summary>
    [JsonPropertyName("createSession")]
    public bool? CreateSession { get; init; }

    /// <summary>Such as the <c>session_id</c> to run in.</summary>
    [JsonPropertyName("connectionProperties")]
    public IReadOnlyList<ConnectionProperty>? ConnectionProperties { get; init; }
}

/// <summary>A load job's configuration: from <c>gs://</c> URIs or an uploaded stream into a table.</summary>
public sealed record JobConfigurationLoad
{
    /// <summary>The <c>gs://bucket/path</c> files (one <c>*</c> allowed after the bucket); unset for an upload.</summary>
    [JsonPropertyName("sourceUris")]
    public IReadOnlyList<string>? SourceUris { get; init; }

    /// <summary><c>CSV</c> (the default), <c>NEWLINE_DELIMITED_JSON</c>, <c>PARQUET</c>, ...</summary>
    [JsonPropertyName("sourceFormat")]
    public string? SourceFormat { get; init; }

    /// <summary>The table (or partition) loaded.</summary>
    [JsonPropertyName("destinationTable")]
    public required TableReference DestinationTable { get; init; }

    /// <summary>The columns; unset with <see cref="Autodetect"/>.</summary>
    [JsonPropertyName("schema")]
    public TableSchema? Schema { get; init; }

    /// <summary>Infer the schema from the data.</summary>
    [JsonPropertyName("autodetect")]
    public bool? Autodetect { get; init; }

    /// <summary>Header rows to skip (CSV).</summary>
    [JsonPropertyName("skipLeadingRows")]
    public int? SkipLeadingRows { get; init; }

    /// <summary>Quoted fields may hold line breaks (CSV).</summary>
    [JsonPropertyName("allowQuotedNewlines")]
    public bool? AllowQuotedNewlines { get; init; }

    /// <summary>The CSV separator.</summary>
    [JsonPropertyName("fieldDelimiter")]
    public string? FieldDelimiter { get; init; }

    /// <summary><c>UTF-8</c> or <c>ISO-8859-1</c>.</summary>
    [JsonPropertyName("encoding")]
    public string? Encoding { get; init; }

    /// <summary>Bad records tolerated before the job fails; 0 by default.</summary>
    [JsonPropertyName("maxBadRecords")]
    public int? MaxBadRecords { get; init; }

    /// <summary>The text that means NULL (CSV).</summary>
    [JsonPropertyName("nullMarker")]
    public string? NullMarker { get; init; }

    /// <summary><c>WRITE_APPEND</c> (the default for loads), <c>WRITE_TRUNCATE</c> or <c>WRITE_EMPTY</c>.</summary>
    [JsonPropertyName("writeDisposition")]
    public string? WriteDisposition { get; init; }

    /// <summary><c>CREATE_IF_NEEDED</c> or <c>CREATE_NEVER</c>.</summary>
    [JsonPropertyName("createDisposition")]
    public string? CreateDisposition { get; init; }

    /// <summary>Partitioning of a table the load creates.</summary>
    [JsonPropertyName("timePartitioning")]
    public TimePartitioning? TimePartitioning { get; init; }
}

/// <summary>How a job stands: PENDING, RUNNING or DONE; a DONE job with <see cref="ErrorResult"/> failed.</summary>
public sealed record JobStatus(
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("errorResult")] ErrorProto? ErrorResult = null,
    [property: JsonPropertyName("errors")] IReadOnlyList<ErrorProto>? Errors = null);

/// <summary>What a job did, as far as the client reads it.</summary>
public sealed record JobStatistics
{
    /// <summary>Bytes the job processed (estimated for a dry run).</summary>
    [JsonPropertyName("totalBytesProcessed")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesProcessed { get; init; }

    /// <summary>A script's statements run as child jobs.</summary>
    [JsonPropertyName("numChildJobs")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumChildJobs { get; init; }

    /// <summary>The script this job is a statement of.</summary>
    [JsonPropertyName("parentJobId")]
    public string? ParentJobId { get; init; }

    /// <summary>The session the job ran in.</summary>
    [JsonPropertyName("sessionInfo")]
    public SessionInfo? SessionInfo { get; init; }

    /// <summary>A query job's statistics.</summary>
    [JsonPropertyName("query")]
    public QueryStatistics? Query { get; init; }

    /// <summary>A load job's statistics.</summary>
    [JsonPropertyName("load")]
    public LoadStatistics? Load { get; init; }
}

/// <summary>A query job's statement type, rows changed and bytes.</summary>
public sealed record QueryStatistics
{
    /// <summary>Such as SELECT, INSERT, MERGE, SCRIPT, CREATE_TABLE_AS_SELECT.</summary>
    [JsonPropertyName("statementType")]
    public string? StatementType { get; init; }

    /// <summary>Rows a DML statement changed.</summary>
    [JsonPropertyName("numDmlAffectedRows")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumDmlAffectedRows { get; init; }

    /// <summary>Bytes processed.</summary>
    [JsonPropertyName("totalBytesProcessed")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesProcessed { get; init; }

    /// <summary>Bytes billed.</summary>
    [JsonPropertyName("totalBytesBilled")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? TotalBytesBilled { get; init; }

    /// <summary>The result's columns (also for a dry run).</summary>
    [JsonPropertyName("schema")]
    public TableSchema? Schema { get; init; }
}

/// <summary>A load job's rows and files.</summary>
public sealed record LoadStatistics
{
    /// <summary>Rows written.</summary>
    [JsonPropertyName("outputRows")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? OutputRows { get; init; }

    /// <summary>Records skipped as bad (up to maxBadRecords).</summary>
    [JsonPropertyName("badRecords")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? BadRecords { get; init; }

    /// <summary>Files read.</summary>
    [JsonPropertyName("inputFiles")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? InputFiles { get; init; }
}

internal sealed record JobList(
    [property: JsonPropertyName("jobs")] IReadOnlyList<BigQueryJob>? Jobs,
    [property: JsonPropertyName("nextPageToken")] string? NextPageToken);

internal sealed record DatasetResource(
    [property: JsonPropertyName("datasetReference")] DatasetReference DatasetReference,
    [property: JsonPropertyName("location")] string? Location,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels);

/// <summary>A table: its name, columns and partitioning (and, read back, its rows and kind).</summary>
public sealed record BigQueryTable
{
    /// <summary>The table's name.</summary>
    [JsonPropertyName("tableReference")]
    public required TableReference TableReference { get; init; }

    /// <summary>Its columns.</summary>
    [JsonPropertyName("schema")]
    public TableSchema? Schema { get; init; }

    /// <summary>Its partitioning.</summary>
    [JsonPropertyName("timePartitioning")]
    public TimePartitioning? TimePartitioning { get; init; }

    /// <summary>Rows (read only).</summary>
    [JsonPropertyName("numRows")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? NumRows { get; init; }

    /// <summary>TABLE, VIEW, ... (read only).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

/// <summary>One row to stream: its dedup id and its columns as JSON (INT64 as strings, RECORD as objects, REPEATED as arrays).</summary>
public sealed record InsertAllRow(
    [property: JsonPropertyName("insertId")] string? InsertId,
    [property: JsonPropertyName("json")] IReadOnlyDictionary<string, JsonElement> Json);

internal sealed record InsertAllRequest(
    [property: JsonPropertyName("rows")] IReadOnlyList<InsertAllRow> Rows,
    [property: JsonPropertyName("skipInvalidRows")] bool SkipInvalidRows,
    [property: JsonPropertyName("ignoreUnknownValues")] bool IgnoreUnknownValues);

/// <summary>The errors of one row of a streamed batch, by its index in the request.</summary>
public sealed record InsertAllError(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("errors")] IReadOnlyList<ErrorProto> Errors);

internal sealed record InsertAllResponse([property: JsonPropertyName("insertErrors")] IReadOnlyList<InsertAllError>? InsertErrors);

/// <summary>Source-generated JSON of the BigQuery REST calls.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(QueryResponse))]
[JsonSerializable(typeof(BigQueryJob))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(DatasetResource))]
[JsonSerializable(typeof(BigQueryTable))]
[JsonSerializable(typeof(InsertAllRequest))]
[JsonSerializable(typeof(InsertAllResponse))]
internal sealed partial class BigQueryJsonContext : JsonSerializerContext;
