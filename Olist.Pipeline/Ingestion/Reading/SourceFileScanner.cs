using Olist.Pipeline.Catalog;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>
/// Reads one source file record by record: checks its header, writes the readable records to a staging file
/// and sets aside the ones that cannot be read, so that every record is counted exactly once.
/// </summary>
internal static class SourceFileScanner
{
    private const int RecordsPerProgressReport = 1 << 16;

    /// <summary>Scans <paramref name="sourcePath"/> into <paramref name="stagingPath"/>.</summary>
    public static ScannedFile Scan(
        SourceTable table,
        string sourcePath,
        string stagingPath,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(sourcePath);
        using var stream = SourceFiles.Open(sourcePath);
        var totalBytes = stream.Length;
        var reader = new CsvRecordReader(stream);
        ReadHeader(reader, table, fileName);

        var quarantined = new List<QuarantinedRecord>();
        long rowsRead = 0;
        var longestRecord = 0;
        using (var staging = new StagingFileWriter(stagingPath))
        {
            while (SourceFiles.Read(reader, fileName))
            {
                rowsRead++;
                longestRecord = Math.Max(longestRecord, reader.Record.Length);
                var problem = Classify(reader, table.Columns.Count);
                if (problem is null)
                {
                    staging.Write(reader);
                }
                else
                {
                    quarantined.Add(new QuarantinedRecord(reader.LineNumber, problem.Value.Reason, problem.Value.Detail, reader.Record.ToArray()));
                }

                if (rowsRead % RecordsPerProgressReport == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new WorkProgress(fileName, reader.BytesConsumed, totalBytes));
                }
            }
        }

        progress?.Report(new WorkProgress(fileName, totalBytes, totalBytes, $"read {rowsRead:N0} records, quarantined {quarantined.Count:N0}"));
        return new ScannedFile(table, sourcePath, stagingPath, rowsRead, quarantined, longestRecord);
    }

    /// <summary>Checks the header alone, so that a wrong file fails the load before any table changes.</summary>
    public static void CheckHeader(SourceTable table, string sourcePath)
    {
        using var stream = SourceFiles.Open(sourcePath);
        ReadHeader(new CsvRecordReader(stream), table, Path.GetFileName(sourcePath));
    }

    private static void ReadHeader(CsvRecordReader reader, SourceTable table, string fileName)
    {
        if (!SourceFiles.Read(reader, fileName))
        {
            throw new PipelineException($"{fileName}: the file is empty; expected a header naming {table.Columns.Count} columns of table '{table.Name}'.");
        }

        if (reader.Problem is not null)
        {
            throw new PipelineException($"{fileName}: the header cannot be read ({reader.Problem}: {reader.ProblemDetail}).");
        }

        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.FieldText).ToList();
        HeaderCheck.Verify(table, fileName, header);
    }

    private static (string Reason, string Detail)? Classify(CsvRecordReader reader, int expectedFields)
    {
        if (reader.Problem is not null)
        {
            return (reader.Problem, reader.ProblemDetail ?? reader.Problem);
        }

        if (reader.Record.IsEmpty)
        {
            return (QuarantineReason.EmptyLine, "the line is empty");
        }

        return reader.FieldCount == expectedFields
            ? null
            : (QuarantineReason.WrongFieldCount, $"expected {expectedFields} fields, found {reader.FieldCount}");
    }
}
