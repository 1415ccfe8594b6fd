using Olist.Pipeline.Catalog;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>Writes one catalog table as a CSV file in the real file's byte format: its header style, BOM, line ends and quoting rule.</summary>
/// <remarks>
/// The quoting decision comes from the catalog: a value of a text column is quoted when it starts with a digit
/// (as the real files do) or when it holds a comma, a quote or a line break; other columns are written bare.
/// </remarks>
internal sealed class CsvTableWriter : IDisposable
{
    private const int ProgressEvery = 20_000;
    private const int CancellationEvery = 4_096;

    private readonly SourceTable table;
    private readonly bool[] textColumns;
    private readonly StreamWriter writer;
    private readonly IProgress<WorkProgress>? progress;
    private readonly CancellationToken cancellationToken;
    private readonly long expectedRows;
    private int column;

    public CsvTableWriter(string directory, SourceTable table, long expectedRows, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        this.table = table;
        this.expectedRows = expectedRows;
        this.progress = progress;
        this.cancellationToken = cancellationToken;
        textColumns = table.Columns.Select(c => c.Kind.IsText()).ToArray();
        Path = System.IO.Path.Combine(directory, table.FileName);
        var stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        writer = new StreamWriter(stream, new UTF8Encoding(table.Format.ByteOrderMark), bufferSize: 1 << 16);
        WriteHeader();
    }

    /// <summary>Writes a whole table: one record per row, each filled by <paramref name="writeRow"/>.</summary>
    public static GeneratedFile WriteFile<T>(
        string directory,
        SourceTable table,
        IReadOnlyList<T> rows,
        IProgress<WorkProgress>? progress,
        Action<CsvTableWriter, T> writeRow,
        CancellationToken cancellationToken)
    {
        using var file = new CsvTableWriter(directory, table, rows.Count, progress, cancellationToken);
        foreach (var row in rows)
        {
            writeRow(file, row);
            file.EndRecord();
        }

        return file.Complete();
    }

    public string Path { get; }

    public long Rows { get; private set; }

    /// <summary>Writes one field of the current record; the column's kind decides whether it is quoted.</summary>
    public void Field(ReadOnlySpan<char> value)
    {
        if (column >= textColumns.Length)
        {
            throw new InvalidOperationException($"{table.FileName}: a record has more than {textColumns.Length} fields.");
        }

        if (column == 0)
        {
            // The line ending precedes each record, so formats without a final newline need no look-ahead.
            writer.Write(table.Format.LineEnding);
        }
        else
        {
            writer.Write(',');
        }

        if (textColumns[column] && NeedsQuotes(value))
        {
            WriteQuoted(value);
        }
        else
        {
            writer.Write(value);
        }

        column++;
    }

    public void Empty() => Field([]);

    public void Id(HexId id)
    {
        Span<char> text = stackalloc char[HexId.Length];
        id.Format(text);
        Field(text);
    }

    public void Zip(int prefix)
    {
        Span<char> text = stackalloc char[5];
        prefix.TryFormat(text, out _, "D5", CultureInfo.InvariantCulture);
        Field(text);
    }

    public void Whole(long? value)
    {
        if (value is not { } whole)
        {
            Empty();
            return;
        }

        Span<char> text = stackalloc char[20];
        whole.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture);
        Field(text[..written]);
    }

    /// <summary>Writes an amount held in cents with exactly two decimals, as the real files do (<c>541.00</c>).</summary>
    public void Money(long cents)
    {
        Span<char> text = stackalloc char[24];
        var written = 0;
        if (cents < 0)
        {
            text[written++] = '-';
            cents = -cents;
        }

        (cents / 100).TryFormat(text[written..], out var whole, provider: CultureInfo.InvariantCulture);
        written += whole;
        text[written++] = '.';
        (cents % 100).TryFormat(text[written..], out var fraction, "D2", CultureInfo.InvariantCulture);
        Field(text[..(written + fraction)]);
    }

    /// <summary>Writes a coordinate in its shortest round-trip form, as the real geolocation file does.</summary>
    public void Real(double value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture);
        Field(text[..written]);
    }

    public void Time(DateTime? value)
    {
        if (value is not { } time)
        {
            Empty();
            return;
        }

        Span<char> text = stackalloc char[19];
        time.TryFormat(text, out _, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Field(text);
    }

    /// <summary>Ends the current record, checks it had every column, and reports progress now and then.</summary>
    public void EndRecord()
    {
        if (column != textColumns.Length)
        {
            throw new InvalidOperationException($"{table.FileName}: a record has {column} fields instead of {textColumns.Length}.");
        }

        column = 0;
        Rows++;
        if (Rows % CancellationEvery == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (Rows % ProgressEvery == 0)
        {
            progress?.Report(new WorkProgress(table.FileName, Rows, expectedRows));
        }
    }

    /// <summary>Finishes the file (final newline when the format has one) and returns what was written.</summary>
    public GeneratedFile Complete()
    {
        if (table.Format.FinalNewline)
        {
            writer.Write(table.Format.LineEnding);
        }

        writer.Flush();
        progress?.Report(new WorkProgress(table.FileName, Rows, Rows));
        return new GeneratedFile(table.FileName, table.Name, Rows, writer.BaseStream.Length);
    }

    public void Dispose() => writer.Dispose();

    private static bool NeedsQuotes(ReadOnlySpan<char> value) =>
        value.Length > 0 && (char.IsAsciiDigit(value[0]) || value.IndexOfAny(",\"\r\n") >= 0);

    private void WriteHeader()
    {
        for (var i = 0; i < table.ColumnNames.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            if (table.Format.QuotedHeader)
            {
                WriteQuoted(table.ColumnNames[i]);
            }
            else
            {
                writer.Write(table.ColumnNames[i]);
            }
        }
    }

    private void WriteQuoted(ReadOnlySpan<char> value)
    {
        writer.Write('"');
        while (value.IndexOf('"') is var quote and >= 0)
        {
            writer.Write(value[..(quote + 1)]);
            writer.Write('"');
            value = value[(quote + 1)..];
        }

        writer.Write(value);
        writer.Write('"');
    }
}
