using Olist.Pipeline.Catalog;
using Olist.Pipeline.Ingestion.Raw;
using Olist.Pipeline.Ingestion.Reading;
using Olist.Pipeline.Progress;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Ingestion;

/// <summary>Loads the Olist CSV files found in a folder into raw warehouse tables, quarantining records it cannot read.</summary>
/// <remarks>
/// Each file is first read in C# by a strict reader that knows every record's physical line and sets aside the
/// records it cannot read; the readable ones go to a staging file that DuckDB then loads in parallel. Reading the
/// next file overlaps with DuckDB loading the previous one.
/// </remarks>
public sealed partial class CsvLoader(DuckDbWarehouse warehouse, TimeProvider timeProvider, ILogger<CsvLoader> logger) : IRawLoader
{
    /// <summary>Loads whichever of the nine files are present in <paramref name="sourceDirectory"/>, replacing earlier loads of them, guarded by <see cref="ShrinkGuard.Default"/>.</summary>
    public Task<IReadOnlyList<FileLoadResult>> LoadAsync(string sourceDirectory, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        LoadAsync(sourceDirectory, ShrinkGuard.Default, progress, cancellationToken);

    /// <summary>
    /// Loads whichever of the nine files are present in <paramref name="sourceDirectory"/>, replacing earlier loads of
    /// them. A file that <paramref name="guard"/> refuses leaves its table as it was; the others are loaded, then the
    /// load fails naming the refused ones.
    /// </summary>
    public async Task<IReadOnlyList<FileLoadResult>> LoadAsync(
        string sourceDirectory, ShrinkGuard guard, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceDirectory);
        ArgumentNullException.ThrowIfNull(guard);
        var files = SourceFiles.Find(Path.GetFullPath(sourceDirectory));
        foreach (var (table, path) in files)
        {
            SourceFileScanner.CheckHeader(table, path);
        }

        await using var build = await warehouse.OpenForBuildAsync(cancellationToken);
        var connection = build.Connection;
        await RawSchema.EnsureAsync(connection, cancellationToken);

        // The live stream's tables exist, empty, from the first load on, so the staging models can always union them.
        await StreamTables.EnsureAsync(connection, cancellationToken);
        var stagingDirectory = Directory.CreateTempSubdirectory("olist-load-").FullName;
        Task? pendingScan = null;
        try
        {
            var results = new List<FileLoadResult>(files.Count);
            var refused = new List<string>();
            var next = ScanAsync(files[0], stagingDirectory, progress, cancellationToken);
            pendingScan = next;
            for (var i = 0; i < files.Count; i++)
            {
                var scan = await next;
                pendingScan = null;
                if (i + 1 < files.Count)
                {
                    next = ScanAsync(files[i + 1], stagingDirectory, progress, cancellationToken);
                    pendingScan = next;
                }

                var current = await RawSchema.RowCountAsync(connection, scan.File.Table, cancellationToken);
                if (guard.Refuses(current, scan.File.RowsLoaded))
                {
                    LogRefused(scan.File.FileName, scan.File.Table.Name, current, scan.File.RowsLoaded);
                    refused.Add($"raw.{scan.File.Table.Name} ({current:N0} rows) by {scan.File.FileName} ({scan.File.RowsLoaded:N0} rows)");
                    continue;
                }

                results.Add(await WriteAsync(connection, scan, progress, cancellationToken));
            }

            return refused.Count == 0 ? results : throw guard.Refusal(refused, results.Count);
        }
        finally
        {
            if (pendingScan is not null)
            {
                // A failed load must not delete the staging folder under a scan that is still writing to it.
                await Task.WhenAny(pendingScan);
            }

            Directory.Delete(stagingDirectory, recursive: true);
        }
    }

    private Task<TimedScan> ScanAsync(
        (SourceTable Table, string Path) file, string stagingDirectory, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var started = timeProvider.GetTimestamp();
                var staging = Path.Combine(stagingDirectory, file.Table.Name + ".csv");
                var scanned = SourceFileScanner.Scan(file.Table, file.Path, staging, progress, cancellationToken);
                return new TimedScan(scanned, timeProvider.GetElapsedTime(started));
            },
            cancellationToken);

    private async Task<FileLoadResult> WriteAsync(
        DuckDB.NET.Data.DuckDBConnection connection, TimedScan scan, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var file = scan.File;
        progress?.Report(new WorkProgress(file.FileName, file.RowsLoaded, file.RowsRead, $"writing raw.{file.Table.Name}"));
        var started = timeProvider.GetTimestamp();
        var loadedAt = TruncateToMicroseconds(timeProvider.GetUtcNow());
        var (result, findings) = await RawTableWriter.WriteAsync(
            connection, file, loadedAt, () => scan.Elapsed + timeProvider.GetElapsedTime(started), cancellationToken);
        File.Delete(file.StagingPath);

        LogLoaded(result.File, result.Table, result.RowsRead, result.RowsLoaded, result.RowsQuarantined, findings.Count, result.Elapsed.TotalMilliseconds);
        foreach (var reason in file.Quarantined.GroupBy(q => q.Reason))
        {
            LogQuarantined(result.File, reason.Key, reason.Count(), reason.First().LineNumber);
        }

        progress?.Report(new WorkProgress(file.FileName, result.RowsRead, result.RowsRead, $"loaded {result.RowsLoaded:N0}, quarantined {result.RowsQuarantined:N0}"));
        return result;
    }

    /// <summary>The warehouse keeps microseconds; truncating up front makes the reported time equal the stored one.</summary>
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {File} into raw.{Table}: {RowsRead} read, {RowsLoaded} loaded, {RowsQuarantined} quarantined, {Findings} quality findings in {ElapsedMs:F0} ms")]
    private partial void LogLoaded(string file, string table, long rowsRead, long rowsLoaded, long rowsQuarantined, int findings, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to load {File}: raw.{Table} holds {CurrentRows} rows and the file {IncomingRows}")]
    private partial void LogRefused(string file, string table, long currentRows, long incomingRows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined {Count} records of {File} as {Reason}, the first on line {FirstLine}")]
    private partial void LogQuarantined(string file, string reason, int count, long firstLine);

    private sealed record TimedScan(ScannedFile File, TimeSpan Elapsed);
}
