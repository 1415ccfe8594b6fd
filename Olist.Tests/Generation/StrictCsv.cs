namespace Olist.Tests.Generation;

/// <summary>One field as read: its value and whether the file quoted it.</summary>
public sealed record CsvField(string Value, bool Quoted);

/// <summary>A parsed CSV file with the byte-level facts the real files are checked for.</summary>
public sealed record CsvDocument(IReadOnlyList<CsvField> Header, IReadOnlyList<CsvField[]> Records, bool ByteOrderMark, bool FinalNewline);

/// <summary>A strict CSV reader for tests: any malformed record (stray quote, wrong line ending, bad UTF-8) throws.</summary>
public static class StrictCsv
{
    public static CsvDocument Parse(byte[] bytes, string lineEnding)
    {
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bom ? bytes[3..] : bytes);
        var finalNewline = text.EndsWith(lineEnding, StringComparison.Ordinal);
        if (finalNewline)
        {
            text = text[..^lineEnding.Length];
        }

        var records = new List<CsvField[]>();
        var record = new List<CsvField>();
        var position = 0;
        while (true)
        {
            record.Add(ReadField(text, ref position, lineEnding, records.Count + 1));
            if (position == text.Length)
            {
                records.Add([.. record]);
                break;
            }

            if (text[position] == ',')
            {
                position++;
                continue;
            }

            // ReadField stops only at a comma, the end or a full line ending.
            position += lineEnding.Length;
            records.Add([.. record]);
            record.Clear();
        }

        return new CsvDocument(records[0], records.Skip(1).ToArray(), bom, finalNewline);
    }

    private static CsvField ReadField(string text, ref int position, string lineEnding, int recordNumber)
    {
        var value = new StringBuilder();
        if (position < text.Length && text[position] == '"')
        {
            position++;
            while (true)
            {
                if (position >= text.Length)
                {
                    throw new FormatException($"Record {recordNumber}: unterminated quoted field.");
                }

                var c = text[position];
                if (c == '"')
                {
                    if (position + 1 < text.Length && text[position + 1] == '"')
                    {
                        value.Append('"');
                        position += 2;
                        continue;
                    }

                    position++;
                    if (position < text.Length && text[position] != ',' && !At(text, position, lineEnding))
                    {
                        throw new FormatException($"Record {recordNumber}: text after a closing quote.");
                    }

                    return new CsvField(value.ToString(), Quoted: true);
                }

                if (c is '\r' or '\n')
                {
                    if (!At(text, position, lineEnding))
                    {
                        throw new FormatException($"Record {recordNumber}: a quoted line break is not the file's line ending.");
                    }

                    value.Append(lineEnding);
                    position += lineEnding.Length;
                    continue;
                }

                value.Append(c);
                position++;
            }
        }

        while (position < text.Length && text[position] != ',' && !At(text, position, lineEnding))
        {
            var c = text[position];
            if (c is '"' or '\r' or '\n')
            {
                throw new FormatException($"Record {recordNumber}: stray {(c == '"' ? "quote" : "line break")} in an unquoted field.");
            }

            value.Append(c);
            position++;
        }

        return new CsvField(value.ToString(), Quoted: false);
    }

    private static bool At(string text, int position, string token) => string.CompareOrdinal(text, position, token, 0, token.Length) == 0;
}
