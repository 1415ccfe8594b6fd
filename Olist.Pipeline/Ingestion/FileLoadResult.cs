namespace Olist.Pipeline.Ingestion;

/// <summary>The outcome of loading one CSV file: every record read is either loaded or quarantined.</summary>
/// <param name="File">The file name that was loaded.</param>
/// <param name="Table">The raw table it was loaded into.</param>
/// <param name="RowsRead">Data records in the file (header excluded).</param>
/// <param name="RowsLoaded">Records written to the raw table.</param>
/// <param name="RowsQuarantined">Records that could not be read, kept in quarantine with a reason.</param>
/// <param name="LoadedAt">When the load finished.</param>
/// <param name="Elapsed">How long the load of this file took.</param>
public sealed record FileLoadResult(
    string File,
    string Table,
    long RowsRead,
    long RowsLoaded,
    long RowsQuarantined,
    DateTimeOffset LoadedAt,
    TimeSpan Elapsed);
