using DuckDB.NET.Data;
using Olist.Pipeline.Ingestion.Reading;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Ingestion.Raw;

/// <summary>
/// Replaces a raw table, its quarantine entries, its load history row and its findings with a scanned file's
/// content in one transaction: a load that fails leaves the previous load in place.
/// </summary>
internal static class RawTableWriter
{
    private const int DuckDbDefaultMaxLineSize = 2_097_152;

    /// <summary>Writes <paramref name="file"/> and returns the figures recorded in the load history.</summary>
    public static async Task<(FileLoadResult Result, IReadOnlyList<QualityFindingRow> Findings)> WriteAsync(
        DuckDBConnection connection,
        ScannedFile file,
        DateTimeOffset loadedAt,
        Func<TimeSpan> elapsed,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, RawSchema.CreateTableSql(file.Table), cancellationToken);
        if (file.RowsLoaded > 0)
        {
            await Sql.ExecuteAsync(connection, InsertFromStagingSql(file, loadedAt), cancellationToken);
        }

        await ReplaceQuarantineAsync(connection, file, cancellationToken);
        var findings = await QualityProfiler.ProfileAsync(connection, file.Table, loadedAt, cancellationToken);
        var result = new FileLoadResult(file.FileName, file.Table.Name, file.RowsRead, file.RowsLoaded, file.Quarantined.Count, loadedAt, elapsed());
        await RecordLoadAsync(connection, result, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, findings);
    }

    /// <summary>
    /// The staging file is fully specified (no header, LF, RFC 4180 quoting, line number first), so DuckDB reads it
    /// without sniffing and in parallel. Every value stays text; an empty field, quoted or not, becomes NULL.
    /// DuckDB refuses lines over 2 MB by default, so the limit is raised to the longest record plus its line number.
    /// </summary>
    private static string InsertFromStagingSql(ScannedFile file, DateTimeOffset loadedAt)
    {
        var columns = string.Join(", ", file.Table.ColumnNames.Select(c => $"{Sql.Literal(c)}: 'VARCHAR'"));
        return $"INSERT INTO {RawSchema.TableOf(file.Table)} "
            + $"SELECT * EXCLUDE (_line_number), {Sql.Literal(file.FileName)}, _line_number, {Sql.Timestamp(loadedAt)} "
            + $"FROM read_csv({Sql.Literal(file.StagingPath)}, header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            + $"new_line = '\\n', max_line_size = {Math.Max(DuckDbDefaultMaxLineSize, file.LongestRecord + 64)}, "
            + $"columns = {{'_line_number': 'BIGINT', {columns}}})";
    }

    private static async Task ReplaceQuarantineAsync(DuckDBConnection connection, ScannedFile file, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(
            connection, $"DELETE FROM {RawSchema.Name}.{RawSchema.Quarantine} WHERE table_name = $table", cancellationToken, ("table", file.Table.Name));
        if (file.Quarantined.Count == 0)
        {
            return;
        }

        using var appender = connection.CreateAppender(RawSchema.Name, RawSchema.Quarantine);
        foreach (var record in file.Quarantined)
        {
            appender.CreateRow()
                .AppendValue(file.FileName)
                .AppendValue(file.Table.Name)
                .AppendValue(record.LineNumber)
                .AppendValue(record.Reason)
                .AppendValue(record.Detail)
                .AppendValue(Encoding.UTF8.GetString(record.Raw))
                .AppendValue(record.Raw)
                .EndRow();
        }
    }

    private static async Task RecordLoadAsync(DuckDBConnection connection, FileLoadResult result, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(
            connection,
            $"INSERT INTO {RawSchema.Name}.{RawSchema.Loads} VALUES ($table, $file, $read, $loaded, $quarantined, {Sql.Timestamp(result.LoadedAt)}, $elapsed)",
            cancellationToken,
            ("table", result.Table),
            ("file", result.File),
            ("read", result.RowsRead),
            ("loaded", result.RowsLoaded),
            ("quarantined", result.RowsQuarantined),
            ("elapsed", result.Elapsed.TotalMilliseconds));
    }
}
