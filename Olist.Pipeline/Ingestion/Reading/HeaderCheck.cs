using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>Checks that a file's header names exactly the catalog columns of its table, in order.</summary>
internal static class HeaderCheck
{
    /// <summary>Throws a <see cref="PipelineException"/> naming the file and the differing columns when the header does not match.</summary>
    public static void Verify(SourceTable table, string fileName, IReadOnlyList<string> header)
    {
        if (header.SequenceEqual(table.ColumnNames, StringComparer.Ordinal))
        {
            return;
        }

        var missing = table.ColumnNames.Except(header, StringComparer.Ordinal).ToList();
        var unexpected = header.Except(table.ColumnNames, StringComparer.Ordinal).ToList();
        var differences = new List<string>();
        if (missing.Count > 0)
        {
            differences.Add($"missing {Names(missing)}");
        }

        if (unexpected.Count > 0)
        {
            differences.Add($"unexpected {Names(unexpected)}");
        }

        if (differences.Count == 0)
        {
            differences.Add($"columns differ in order or repeat (expected {Names(table.ColumnNames)}; found {Names(header)})");
        }

        throw new PipelineException($"{fileName}: the header does not match table '{table.Name}': {string.Join("; ", differences)}.");
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
