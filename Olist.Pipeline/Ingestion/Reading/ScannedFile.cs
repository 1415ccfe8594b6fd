using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>A source file read into a staging file: how many records it had and which could not be read.</summary>
/// <param name="Table">The catalog table the file belongs to.</param>
/// <param name="SourcePath">The file read.</param>
/// <param name="StagingPath">The staging file holding its readable records.</param>
/// <param name="RowsRead">Data records in the file.</param>
/// <param name="Quarantined">The records that could not be read.</param>
/// <param name="LongestRecord">The length in bytes of the longest record, which DuckDB must be told to accept.</param>
internal sealed record ScannedFile(
    SourceTable Table,
    string SourcePath,
    string StagingPath,
    long RowsRead,
    IReadOnlyList<QuarantinedRecord> Quarantined,
    int LongestRecord)
{
    public string FileName => Path.GetFileName(SourcePath);

    public long RowsLoaded => RowsRead - Quarantined.Count;
}
