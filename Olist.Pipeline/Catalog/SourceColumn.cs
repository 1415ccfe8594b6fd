namespace Olist.Pipeline.Catalog;

/// <summary>One column of an Olist source file, named exactly as in the file's header.</summary>
public sealed record SourceColumn(string Name, ColumnKind Kind, string Description);
