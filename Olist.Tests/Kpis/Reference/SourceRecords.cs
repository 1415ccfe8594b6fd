using Olist.Tests.Generation;

namespace Olist.Tests.Kpis.Reference;

/// <summary>One record of a source file, in file order, whose fields are read by column name with rule 1 applied.</summary>
public sealed class SourceRecord(SourceTable table, CsvField[] fields, int position)
{
    /// <summary>The record's place in its file (0 for the first data record); rule 9 keeps the highest per key.</summary>
    public int Position { get; } = position;

    /// <summary>The field of <paramref name="column"/>, trimmed, or null when it is empty (cleaning rule 1).</summary>
    public string? this[string column]
    {
        get
        {
            var index = IndexOf(column);
            var value = index < fields.Length ? fields[index].Value.Trim() : string.Empty;
            return value.Length == 0 ? null : value;
        }
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < table.ColumnNames.Count; i++)
        {
            if (table.ColumnNames[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"{table.Name} has no column {column}.", nameof(column));
    }
}

/// <summary>Reads the Olist files of a folder with the test project's own strict CSV reader.</summary>
public static class SourceRecords
{
    /// <summary>The data records of <paramref name="table"/>'s file in <paramref name="folder"/>, in file order.</summary>
    public static IReadOnlyList<SourceRecord> Read(string folder, SourceTable table)
    {
        var document = StrictCsv.Parse(File.ReadAllBytes(Path.Combine(folder, table.FileName)), table.Format.LineEnding);
        return document.Records.Select((fields, position) => new SourceRecord(table, fields, position)).ToArray();
    }
}
