namespace Olist.Pipeline.Ingestion;

/// <summary>The state of one raw source table as of its latest load, for the overview page.</summary>
/// <param name="Table">The raw table name.</param>
/// <param name="File">The file last loaded into it, or null when never loaded.</param>
/// <param name="RowsLoaded">Rows in the raw table from the latest load.</param>
/// <param name="RowsQuarantined">Records of the latest load kept in quarantine.</param>
/// <param name="LoadedAt">When it was last loaded, or null when never.</param>
/// <param name="Findings">Data quality findings of the latest load.</param>
public sealed record SourceTableStatus(
    string Table,
    string? File,
    long RowsLoaded,
    long RowsQuarantined,
    DateTimeOffset? LoadedAt,
    IReadOnlyList<QualityFinding> Findings);

/// <summary>One data quality observation about a loaded table, such as duplicate keys or empty ids.</summary>
/// <param name="Check">A stable name of the check, such as <c>duplicate_key</c>.</param>
/// <param name="Rows">How many rows the finding concerns.</param>
/// <param name="Description">What was found, in words a user understands.</param>
public sealed record QualityFinding(string Check, long Rows, string Description);
