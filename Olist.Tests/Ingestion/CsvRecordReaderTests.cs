using Olist.Pipeline.Ingestion.Reading;

namespace Olist.Tests.Ingestion;

public sealed class CsvRecordReaderTests
{
    private const string Tricky =
        "\uFEFF\"a\",b,\"c\"\r\n"
        + "1,\"x \"\"quoted\"\" y\",\r\n"
        + "2,\"two\r\nlines\",z\r\n"
        + "3,bare\rcr,z\n"
        + "4,\"junk\"after,z\n"
        + "5,\"\",\"\"";

    [Fact]
    public void Records_carry_their_physical_line_fields_and_problems()
    {
        var records = ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(Tricky)));

        Assert.Equal(
            [
                (1L, "a|b|c", (string?)null, false),
                (2L, "1|x \"quoted\" y|", null, false),
                (3L, "2|two\r\nlines|z", null, false),
                (5L, "3|bare\rcr|z", null, true),
                (6L, "", QuarantineReason.BrokenQuoting, false),
                (7L, "5||", null, false),
            ],
            records);
    }

    [Fact]
    public void Records_are_the_same_when_the_file_arrives_one_byte_at_a_time()
    {
        var bytes = Encoding.UTF8.GetBytes(Tricky);

        Assert.Equal(ReadAll(new MemoryStream(bytes)), ReadAll(new OneByteStream(bytes)));
    }

    [Fact]
    public void A_record_larger_than_the_read_buffer_is_read_whole()
    {
        var big = new string('x', 3 << 20);
        var records = ReadAll(new MemoryStream(Encoding.UTF8.GetBytes($"a,b\n1,\"{big}\"\n2,{big}\n3,end")));

        Assert.Equal([(2L, big.Length + 2), (3L, big.Length + 2), (4L, 5)], records.Skip(1).Select(r => (r.Line, r.Fields.Length)));
    }

    private static List<(long Line, string Fields, string? Problem, bool BareCr)> ReadAll(Stream stream)
    {
        var reader = new CsvRecordReader(stream);
        var records = new List<(long, string, string?, bool)>();
        while (reader.Read())
        {
            var fields = string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(reader.FieldText));
            records.Add((reader.LineNumber, fields, reader.Problem, reader.HasBareCarriageReturn));
        }

        return records;
    }

    /// <summary>A stream that hands out one byte per read, to exercise every buffer boundary of the reader.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
