namespace Olist.Pipeline.Ingestion.Raw;

/// <summary>A stored quality finding: a non-zero check result of one load, in report order.</summary>
internal sealed record QualityFindingRow(int Ordinal, string Check, string? Column, long Rows, string Description);
