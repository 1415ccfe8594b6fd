using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>A source file read into a staging file: how many records it had and which could not be read.</summary>
internal sealed record ScannedFile(
    SourceTable Table,
    string SourcePath,
    string StagingPath,
    long RowsRead,
    IReadOnlyList<QuarantinedRecord> Quarantined)
{
    public string FileName => Path.GetFileName(SourcePath);

    public long RowsLoaded => RowsRead - Quarantined.Count;
}
