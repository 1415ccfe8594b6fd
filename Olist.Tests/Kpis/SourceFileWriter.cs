namespace Olist.Tests.Kpis;

/// <summary>Writes hand-made records as a real Olist file: the catalog's header, line ending, byte order mark and final newline.</summary>
public static class SourceFileWriter
{
    /// <summary>Writes <paramref name="records"/> (already in CSV form, quoted as the real files quote) under the table's file name.</summary>
    public static void Write(string folder, SourceTable table, IEnumerable<string> records)
    {
        var format = table.Format;
        var header = string.Join(',', table.ColumnNames.Select(c => format.QuotedHeader ? $"\"{c}\"" : c));
        var text = string.Join(format.LineEnding, records.Prepend(header)) + (format.FinalNewline ? format.LineEnding : string.Empty);
        File.WriteAllBytes(Path.Combine(folder, table.FileName), [.. format.ByteOrderMark ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(text)]);
    }
}
