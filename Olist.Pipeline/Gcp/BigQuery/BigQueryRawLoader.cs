using Olist.Pipeline.Catalog;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Ingestion.Reading;
using Olist.Pipeline.Progress;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// Loads the Olist CSV files into the BigQuery warehouse's dataset with the same strict reader as DuckDB's loader: each
/// file's readable records go up as a staging CSV by a load job (a multipart media upload under a client-chosen job id),
/// its unreadable ones as newline-delimited JSON; then one multi-statement transaction replaces the raw table
/// (<c>raw_orders</c>: every value text, an empty field NULL, with <c>_source_file</c>, <c>_line_number</c>,
/// <c>_loaded_at</c>), the table's quarantine rows (<c>raw__quarantine</c>) and adds its load history row
/// (<c>raw__loads</c>), all or none. The live stream's tables are created empty, so staging can union them from the start.
/// </summary>
public sealed partial class BigQueryRawLoader(BigQueryWarehouse warehouse, TimeProvider timeProvider, ILogger<BigQueryRawLoader> logger) : IRawLoader
{
    private const string Quarantine = $"{RawSchema.Name}_{RawSchema.Quarantine}";
    private const string Loads = $"{RawSchema.Name}_{RawSchema.Loads}";

    private static readonly TableFieldSchema[] QuarantineFields =
    [
        Required("source_file", "STRING"), Required("table_name", "STRING"), Required("line_number", "INT64"), Required("reason", "STRING"),
        Required("detail", "STRING"), Required("raw_text", "STRING"), Required("raw_bytes", "BYTES"),
    ];

    private static readonly TableFieldSchema[] LoadFields =
    [
        Required("table_name", "STRING"), Required("source_file", "STRING"), Required("rows_read", "INT64"), Required("rows_loaded", "INT64"),
        Required("rows_quarantined", "INT64"), Required("loaded_at", "TIMESTAMP"), Required("elapsed_ms", "FLOAT64"),
    ];

    public async Task<IReadOnlyList<FileLoadResult>> LoadAsync(string sourceDirectory, ShrinkGuard guard, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceDirectory);
        ArgumentNullException.ThrowIfNull(guard);
        var files = SourceFiles.Find(Path.GetFullPath(sourceDirectory));
        foreach (var (table, path) in files)
        {
            SourceFileScanner.CheckHeader(table, path);
        }

        var client = await warehouse.ClientAsync(cancellationToken);
        await EnsureTablesAsync(client, cancellationToken);
        var stagingDirectory = Directory.CreateTempSubdirectory("olist-bq-load-").FullName;
        try
        {
            var results = new List<FileLoadResult>(files.Count);
            var refused = new List<string>();
            foreach (var (table, path) in files)
            {
                var started = timeProvider.GetTimestamp();
                var staging = Path.Combine(stagingDirectory, table.Name + ".csv");
                var scan = await Task.Run(() => SourceFileScanner.Scan(table, path, staging, progress, cancellationToken), cancellationToken);
                var current = (await client.GetTableAsync(warehouse.Dataset, RawTable(table), cancellationToken))?.NumRows ?? 0;
                if (guard.Refuses(current, scan.RowsLoaded))
                {
                    LogRefused(scan.FileName, table.Name, current, scan.RowsLoaded);
                    refused.Add($"{RawTable(table)} ({current:N0} rows) by {scan.FileName} ({scan.RowsLoaded:N0} rows)");
                    continue;
                }

                results.Add(await WriteAsync(client, scan, started, progress, cancellationToken));
            }

            return refused.Count == 0 ? results : throw guard.Refusal(refused, results.Count);
        }
        finally
        {
            Directory.Delete(stagingDirectory, recursive: true);
        }
    }

    private async Task<FileLoadResult> WriteAsync(BigQueryClient client, ScannedFile file, long started, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new WorkProgress(file.FileName, file.RowsLoaded, file.RowsRead, $"uploading {RawTable(file.Table)}"));
        var loadedAt = TruncateToMicroseconds(timeProvider.GetUtcNow());
        var rawTable = RawTable(file.Table);
        var rowsStaging = $"{rawTable}__staging";
        var quarantineStaging = $"{Quarantine}__{file.Table.Name}";
        try
        {
            if (file.RowsLoaded > 0)
            {
                await using var rows = File.OpenRead(file.StagingPath);
                await client.UploadAsync(Load(rowsStaging, "CSV", [Required("_line_number", "INT64"), .. file.Table.ColumnNames.Select(c => new TableFieldSchema(c, "STRING"))]), rows, "text/csv", cancellationToken);
            }

            if (file.Quarantined.Count > 0)
            {
                using var records = new MemoryStream(QuarantineJson(file));
                await client.UploadAsync(Load(quarantineStaging, "NEWLINE_DELIMITED_JSON", QuarantineFields), records, "application/x-ndjson", cancellationToken);
            }

            var result = new FileLoadResult(file.FileName, file.Table.Name, file.RowsRead, file.RowsLoaded, file.Quarantined.Count, loadedAt, timeProvider.GetElapsedTime(started));
            await client.QueryAsync(ReplaceScript(file, rowsStaging, quarantineStaging), LoadParameters(result), queryOptions: null, cancellationToken);
            LogLoaded(result.File, rawTable, result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.Elapsed.TotalMilliseconds);
            progress?.Report(new WorkProgress(file.FileName, result.RowsRead, result.RowsRead, $"loaded {result.RowsLoaded:N0}, quarantined {result.RowsQuarantined:N0}"));
            return result;
        }
        finally
        {
            File.Delete(file.StagingPath);
            await client.DeleteTableAsync(warehouse.Dataset, rowsStaging, CancellationToken.None);
            await client.DeleteTableAsync(warehouse.Dataset, quarantineStaging, CancellationToken.None);
        }
    }

    /// <summary>
    /// The raw table, the table's quarantine and its load history in one transaction (BigQuery allows DML only in one, so
    /// the raw table exists already and is emptied and filled rather than replaced).
    /// </summary>
    private string ReplaceScript(ScannedFile file, string rowsStaging, string quarantineStaging)
    {
        var raw = Relation(RawTable(file.Table));
        var columns = file.Table.ColumnNames.Select(Identifier).ToList();
        IEnumerable<string> statements =
        [
            "BEGIN TRANSACTION",
            $"DELETE FROM {raw} WHERE TRUE",
            .. file.RowsLoaded > 0
                ? [$"INSERT INTO {raw} ({string.Join(", ", columns)}, _source_file, _line_number, _loaded_at)\n"
                   + $"SELECT {string.Join(", ", columns.Select(c => $"NULLIF({c}, '')"))}, @source_file, _line_number, @loaded_at FROM {Relation(rowsStaging)}"]
                : Array.Empty<string>(),
            $"DELETE FROM {Relation(Quarantine)} WHERE table_name = @table_name",
            .. file.Quarantined.Count > 0 ? [$"INSERT INTO {Relation(Quarantine)} SELECT * FROM {Relation(quarantineStaging)}"] : Array.Empty<string>(),
            $"INSERT INTO {Relation(Loads)} VALUES (@table_name, @source_file, @rows_read, @rows_loaded, @rows_quarantined, @loaded_at, @elapsed_ms)",
            "COMMIT TRANSACTION",
        ];
        return string.Join(";\n", statements) + ";";
    }

    private static BigQueryParameter[] LoadParameters(FileLoadResult result) =>
    [
        BigQueryParameter.OfString("table_name", result.Table),
        BigQueryParameter.OfString("source_file", result.File),
        BigQueryParameter.OfInt64("rows_read", result.RowsRead),
        BigQueryParameter.OfInt64("rows_loaded", result.RowsLoaded),
        BigQueryParameter.OfInt64("rows_quarantined", result.RowsQuarantined),
        BigQueryParameter.OfTimestamp("loaded_at", result.LoadedAt),
        BigQueryParameter.OfFloat64("elapsed_ms", result.Elapsed.TotalMilliseconds),
    ];

    /// <summary>The quarantine's tables, every raw table and the live stream's tables (its data, dead letters and outcomes), created when missing (kept as they are when there).</summary>
    private async Task EnsureTablesAsync(BigQueryClient client, CancellationToken cancellationToken)
    {
        await BigQueryStreamTables.EnsureAsync(client, warehouse, cancellationToken);
        await client.CreateTableAsync(Table(Quarantine, QuarantineFields), cancellationToken);
        await client.CreateTableAsync(Table(Loads, LoadFields), cancellationToken);
        foreach (var table in OlistCatalog.Tables)
        {
            await client.CreateTableAsync(
                Table(RawTable(table), [.. table.ColumnNames.Select(c => new TableFieldSchema(c, "STRING")), Required("_source_file", "STRING"), Required("_line_number", "INT64"), Required("_loaded_at", "TIMESTAMP")]),
                cancellationToken);
        }
    }

    private JobConfigurationLoad Load(string table, string format, IReadOnlyList<TableFieldSchema> fields) => new()
    {
        DestinationTable = new TableReference(warehouse.Options.ProjectId!, warehouse.Dataset, table),
        SourceFormat = format,
        Schema = new TableSchema(fields),
        SkipLeadingRows = format == "CSV" ? 0 : null,
        AllowQuotedNewlines = format == "CSV" ? true : null,
        Encoding = "UTF-8",
        MaxBadRecords = 0,
        WriteDisposition = "WRITE_TRUNCATE",
        CreateDisposition = "CREATE_IF_NEEDED",
    };

    private BigQueryTable Table(string name, IReadOnlyList<TableFieldSchema> fields) => new()
    {
        TableReference = new TableReference(warehouse.Options.ProjectId!, warehouse.Dataset, name),
        Schema = new TableSchema(fields),
    };

    /// <summary>One JSON object per quarantined record, its bytes as base64 and as text.</summary>
    private static byte[] QuarantineJson(ScannedFile file) => JsonLines.Of(file.Quarantined, (json, record) =>
    {
        json.WriteString("source_file", file.FileName);
        json.WriteString("table_name", file.Table.Name);
        json.WriteString("line_number", record.LineNumber.ToString(CultureInfo.InvariantCulture));
        json.WriteString("reason", record.Reason);
        json.WriteString("detail", record.Detail);
        json.WriteString("raw_text", Encoding.UTF8.GetString(record.Raw));
        json.WriteBase64String("raw_bytes", record.Raw);
    });

    private static TableFieldSchema Required(string name, string type) => new(name, type, "REQUIRED");

    private static string RawTable(SourceTable table) => BigQueryWarehouse.RawTableId(table);

    private string Relation(string table) => warehouse.Relation(table);

    private static string Identifier(string column) => $"`{column}`";

    /// <summary>BigQuery keeps microseconds; truncating up front makes the reported time equal the stored one.</summary>
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {File} into BigQuery {Table}: {RowsRead} read, {RowsLoaded} loaded, {RowsQuarantined} quarantined in {ElapsedMs:F0} ms")]
    private partial void LogLoaded(string file, string table, long rowsRead, long rowsLoaded, long rowsQuarantined, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to load {File}: BigQuery {Table} holds {CurrentRows} rows and the file {IncomingRows}")]
    private partial void LogRefused(string file, string table, long currentRows, long incomingRows);
}
