namespace Olist.Pipeline.Catalog;

/// <summary>One of the nine Olist source tables: its file, columns, key and byte format.</summary>
/// <param name="Name">The raw table name in the warehouse (<c>orders</c>, <c>order_items</c>, ...).</param>
/// <param name="FileName">The file name of the public dataset, exactly.</param>
/// <param name="Description">What one row of the table is.</param>
/// <param name="Columns">The columns in file order, named as in the file header.</param>
/// <param name="Key">The columns that identify a row (empty for geolocation, which has no key).</param>
/// <param name="Format">How the real file is laid out byte by byte.</param>
public sealed record SourceTable(
    string Name,
    string FileName,
    string Description,
    IReadOnlyList<SourceColumn> Columns,
    IReadOnlyList<string> Key,
    FileFormat Format)
{
    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; } = Columns.Select(c => c.Name).ToArray();

    /// <summary>The column with the given name; throws when the table has none.</summary>
    public SourceColumn Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"Table '{Name}' has no column '{name}'.", nameof(name));
}
