using System.Buffers.Text;

namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>
/// Writes the readable records of a source file to a staging CSV that DuckDB can parse in parallel without
/// guessing: each record keeps its bytes and quoting, led by its physical line number and ended by a plain LF.
/// </summary>
internal sealed class StagingFileWriter : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public StagingFileWriter(string path) =>
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);

    /// <summary>Appends the reader's current record under its line number.</summary>
    public void Write(CsvRecordReader record)
    {
        Reserve(20);
        Utf8Formatter.TryFormat(record.LineNumber, _buffer.AsSpan(_used), out var written);
        _used += written;
        if (record.HasBareCarriageReturn)
        {
            WriteQuotedFields(record);
        }
        else
        {
            Append(","u8);
            Append(record.Record);
        }

        Append("\n"u8);
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }

    /// <summary>
    /// A carriage return inside an unquoted value would look like a line break to DuckDB, so such records are
    /// written with every field quoted; unquoted fields never hold quotes, so their bytes need no escaping.
    /// </summary>
    private void WriteQuotedFields(CsvRecordReader record)
    {
        for (var i = 0; i < record.FieldCount; i++)
        {
            Append(",\""u8);
            Append(record.FieldBytes(i));
            Append("\""u8);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (bytes > _buffer.Length - _used)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
