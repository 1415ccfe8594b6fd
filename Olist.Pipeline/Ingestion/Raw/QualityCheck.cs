namespace Olist.Pipeline.Ingestion.Raw;

/// <summary>One data quality count over a raw table: a SQL aggregate and how to say what a non-zero count means.</summary>
/// <param name="Check">The stable check name, such as <c>empty_key</c>.</param>
/// <param name="Column">The column checked, or null for checks over whole rows.</param>
/// <param name="CountSql">A SQL aggregate counting the rows concerned.</param>
/// <param name="Describe">Words for a count, shown to users.</param>
internal sealed record QualityCheck(string Check, string? Column, string CountSql, Func<long, string> Describe);
