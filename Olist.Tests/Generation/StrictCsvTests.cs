namespace Olist.Tests.Generation;

/// <summary>The strict reader the format tests rely on must reject what a lenient one would let through.</summary>
public sealed class StrictCsvTests
{
    [Theory]
    [InlineData("a,b\nx\"y,1\n", "\n")]
    [InlineData("a,b\n\"xy,1\n", "\n")]
    [InlineData("a,b\n\"x\"y,1\n", "\n")]
    [InlineData("a,b\r\nx,1\ny,2\r\n", "\r\n")]
    [InlineData("a,b\r\n\"x\ny\",1\r\n", "\r\n")]
    public void Malformed_records_are_rejected(string text, string lineEnding) =>
        Assert.Throws<FormatException>(() => StrictCsv.Parse(Encoding.UTF8.GetBytes(text), lineEnding));

    [Fact]
    public void Quoted_fields_keep_escaped_quotes_commas_and_line_breaks()
    {
        var document = StrictCsv.Parse(Encoding.UTF8.GetBytes("\"a\",b\r\n\"0x\",\"say \"\"hi\"\",\r\nok\"\r\nz,\r\n"), "\r\n");

        Assert.Equal(["a", "b"], document.Header.Select(f => f.Value));
        Assert.Equal(new CsvField("0x", true), document.Records[0][0]);
        Assert.Equal("say \"hi\",\r\nok", document.Records[0][1].Value);
        Assert.Equal(new CsvField("", false), document.Records[1][1]);
        Assert.True(document.FinalNewline);
        Assert.False(document.ByteOrderMark);
    }
}
