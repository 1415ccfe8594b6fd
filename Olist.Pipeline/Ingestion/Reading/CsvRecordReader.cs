using System.Buffers;
using System.Text.Unicode;

namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>
/// A strict RFC 4180 record reader over UTF-8 bytes that knows the physical line each record starts on.
/// It never guesses: a record whose quoting is broken is reported as such (covering only its first physical
/// line, so the lines after it are read again as records) instead of being repaired.
/// </summary>
internal sealed class CsvRecordReader
{
    private const int InitialBufferSize = 1 << 20;

    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\"\n\r"u8);
    private static readonly SearchValues<byte> QuotedStops = SearchValues.Create("\"\n"u8);

    private readonly Stream _stream;
    private byte[] _buffer = new byte[InitialBufferSize];
    private CsvField[] _fields = new CsvField[16];
    private int _start;
    private int _end;
    private long _bufferFileOffset;
    private bool _endOfStream;
    private bool _atFileStart = true;
    private long _nextLine = 1;
    private int _recordStart;
    private int _recordLength;

    public CsvRecordReader(Stream stream) => _stream = stream;

    private enum Outcome
    {
        Record,
        NeedMoreData,
        EndOfData,
    }

    /// <summary>The 1-based physical line the current record starts on.</summary>
    public long LineNumber { get; private set; }

    /// <summary>How many physical lines the current record spans (more than one when a quoted field holds line breaks).</summary>
    public int LineCount { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>A <see cref="QuarantineReason"/> code when the record cannot be read, else null.</summary>
    public string? Problem { get; private set; }

    public string? ProblemDetail { get; private set; }

    /// <summary>True when an unquoted field holds a carriage return that does not end the line.</summary>
    public bool HasBareCarriageReturn { get; private set; }

    /// <summary>Bytes of the file consumed so far, for progress.</summary>
    public long BytesConsumed => _bufferFileOffset + _start;

    /// <summary>The current record's bytes without its line ending, valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Record => _buffer.AsSpan(_recordStart, _recordLength);

    /// <summary>The bytes of a field; for a quoted field the bytes between the quotes, with doubled quotes still doubled.</summary>
    public ReadOnlySpan<byte> FieldBytes(int index) => _buffer.AsSpan(_fields[index].Start, _fields[index].Length);

    public bool IsQuoted(int index) => _fields[index].Quoted;

    /// <summary>The value of a field as text, with doubled quotes undone.</summary>
    public string FieldText(int index)
    {
        var text = Encoding.UTF8.GetString(FieldBytes(index));
        return _fields[index].Quoted ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        if (_atFileStart)
        {
            SkipByteOrderMark();
        }

        while (true)
        {
            switch (TryParse())
            {
                case Outcome.Record:
                    return true;
                case Outcome.EndOfData:
                    return false;
                default:
                    Fill();
                    break;
            }
        }
    }

    private void SkipByteOrderMark()
    {
        _atFileStart = false;
        while (_end < 3 && !_endOfStream)
        {
            Fill();
        }

        if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
        {
            _start = 3;
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferFileOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }

    private Outcome TryParse()
    {
        if (_start == _end)
        {
            return _endOfStream ? Outcome.EndOfData : Outcome.NeedMoreData;
        }

        var data = _buffer.AsSpan(0, _end);
        var position = _start;
        var fieldCount = 0;
        var newlines = 0;
        var bareCarriageReturn = false;
        while (true)
        {
            if (position < _end && data[position] == (byte)'"')
            {
                var search = position + 1;
                int closingQuote;
                while (true)
                {
                    var found = data[search..].IndexOfAny(QuotedStops);
                    if (found < 0)
                    {
                        return _endOfStream ? BrokenFirstLine($"field {fieldCount + 1} opens a quote that is never closed") : Outcome.NeedMoreData;
                    }

                    var at = search + found;
                    if (data[at] == (byte)'\n')
                    {
                        newlines++;
                        search = at + 1;
                        continue;
                    }

                    if (at + 1 == _end && !_endOfStream)
                    {
                        return Outcome.NeedMoreData;
                    }

                    if (at + 1 < _end && data[at + 1] == (byte)'"')
                    {
                        search = at + 2;
                        continue;
                    }

                    closingQuote = at;
                    break;
                }

                AddField(ref fieldCount, new CsvField(position + 1, closingQuote - position - 1, Quoted: true));
                var after = closingQuote + 1;
                if (after == _end)
                {
                    return Finish(after, after, fieldCount, newlines, bareCarriageReturn);
                }

                switch (data[after])
                {
                    case (byte)',':
                        position = after + 1;
                        continue;
                    case (byte)'\n':
                        return Finish(after, after + 1, fieldCount, newlines, bareCarriageReturn);
                    case (byte)'\r' when after + 1 == _end && !_endOfStream:
                        return Outcome.NeedMoreData;
                    case (byte)'\r' when after + 1 < _end && data[after + 1] == (byte)'\n':
                        return Finish(after, after + 2, fieldCount, newlines, bareCarriageReturn);
                    default:
                        return BrokenFirstLine($"field {fieldCount} has text after its closing quote");
                }
            }

            var scan = position;
            while (true)
            {
                var found = data[scan..].IndexOfAny(UnquotedStops);
                if (found < 0)
                {
                    if (!_endOfStream)
                    {
                        return Outcome.NeedMoreData;
                    }

                    AddField(ref fieldCount, new CsvField(position, _end - position, Quoted: false));
                    return Finish(_end, _end, fieldCount, newlines, bareCarriageReturn);
                }

                var at = scan + found;
                var stop = data[at];
                if (stop == (byte)'"')
                {
                    return BrokenFirstLine($"field {fieldCount + 1} has a quote inside an unquoted value");
                }

                if (stop == (byte)'\r')
                {
                    if (at + 1 == _end && !_endOfStream)
                    {
                        return Outcome.NeedMoreData;
                    }

                    if (at + 1 == _end || data[at + 1] != (byte)'\n')
                    {
                        bareCarriageReturn = true;
                        scan = at + 1;
                        continue;
                    }
                }

                AddField(ref fieldCount, new CsvField(position, at - position, Quoted: false));
                if (stop == (byte)',')
                {
                    position = at + 1;
                    break;
                }

                return stop == (byte)'\n'
                    ? Finish(at, at + 1, fieldCount, newlines, bareCarriageReturn)
                    : Finish(at, at + 2, fieldCount, newlines, bareCarriageReturn);
            }
        }
    }

    private void AddField(ref int fieldCount, CsvField field)
    {
        if (fieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[fieldCount++] = field;
    }

    private Outcome Finish(int recordEnd, int next, int fieldCount, int newlines, bool bareCarriageReturn)
    {
        SetRecord(recordEnd, newlines + 1);
        FieldCount = fieldCount;
        HasBareCarriageReturn = bareCarriageReturn;
        var invalidAt = Utf8.IsValid(Record) ? -1 : FirstInvalidUtf8(Record);
        Problem = invalidAt < 0 ? null : QuarantineReason.BadEncoding;
        ProblemDetail = invalidAt < 0 ? null : $"invalid UTF-8 byte 0x{Record[invalidAt]:X2} at byte {invalidAt + 1} of the record";
        _start = next;
        return Outcome.Record;
    }

    /// <summary>
    /// A record with broken quoting has no trustworthy end, so only its first physical line is taken as the bad
    /// record and reading resumes on the next line: the good records after it are not swallowed.
    /// </summary>
    private Outcome BrokenFirstLine(string detail)
    {
        var lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (lineEnd < 0 && !_endOfStream)
        {
            return Outcome.NeedMoreData;
        }

        var next = lineEnd < 0 ? _end : _start + lineEnd + 1;
        var recordEnd = lineEnd < 0 ? _end : _start + lineEnd;
        if (recordEnd > _start && _buffer[recordEnd - 1] == (byte)'\r')
        {
            recordEnd--;
        }

        SetRecord(recordEnd, 1);
        FieldCount = 0;
        HasBareCarriageReturn = false;
        Problem = QuarantineReason.BrokenQuoting;
        ProblemDetail = detail;
        _start = next;
        return Outcome.Record;
    }

    private void SetRecord(int recordEnd, int lineCount)
    {
        _recordStart = _start;
        _recordLength = recordEnd - _start;
        LineNumber = _nextLine;
        LineCount = lineCount;
        _nextLine += lineCount;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
