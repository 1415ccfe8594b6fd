namespace Olist.Tests.Ingestion;

public sealed class MalformedFileLoadTests : IDisposable
{
    private readonly LoaderHarness _harness = new();

    [Fact]
    public async Task Unreadable_records_go_to_quarantine_with_reason_and_line_while_good_rows_around_them_load()
    {
        var file = new MemoryStream();
        Write(file, LoaderHarness.HeaderOf(OlistCatalog.Sellers));                                          // line 1
        Write(file, "s1,\"01001\",sao paulo,SP\n");                    // line 2: good
        Write(file, "s2,\"01002\",sao paulo,SP,extra\n");              // line 3: five fields
        Write(file, "s3,\"01003\",\"rio\nde janeiro\",RJ\n");          // lines 4-5: good, a quoted line break
        Write(file, "s4,010\"04,campinas,SP\n");                       // line 6: quote inside an unquoted field
        Write(file, "s5,\"01005\"x,campinas,SP\n");                    // line 7: text after a closing quote
        Write(file, "s6,\"01006\",s");                                 // line 8: invalid UTF-8
        file.Write([0xC3, 0x28]);
        Write(file, "o,SP\n");
        Write(file, "\n");                                             // line 9: empty
        Write(file, "\"s7,01007,never closed,SP\n");                   // line 10: quote never closed before the next quote
        Write(file, "s8,\"01008\",curitiba,PR\n");                     // line 11: good again
        Write(file, "s9,\"01009\",\"unterminated,PR");                 // line 12: quote open at the end of the file
        _harness.WriteSource(OlistCatalog.Sellers.FileName, file.ToArray());

        var result = Assert.Single(await _harness.LoadAsync());

        Assert.Equal((10L, 3L, 7L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsQuarantined);
        var loaded = await _harness.QueryAsync("SELECT seller_id, seller_city, _line_number FROM raw.sellers ORDER BY _line_number");
        Assert.Equal(
            [["s1", "sao paulo", 2L], ["s3", "rio\nde janeiro", 4L], ["s8", "curitiba", 11L]],
            loaded);
        var quarantined = await _harness.QueryAsync(
            "SELECT line_number, reason, detail, source_file, table_name FROM raw._quarantine ORDER BY line_number");
        Assert.Equal(
            [
                [3L, "wrong_field_count", "expected 4 fields, found 5"],
                [6L, "broken_quoting", "field 2 has a quote inside an unquoted value"],
                [7L, "broken_quoting", "field 2 has text after its closing quote"],
                [8L, "bad_encoding", "invalid UTF-8 byte 0xC3 at byte 13 of the record"],
                [9L, "empty_line", "the line is empty"],
                [10L, "broken_quoting", "field 1 has text after its closing quote"],
                [12L, "broken_quoting", "field 3 opens a quote that is never closed"],
            ],
            quarantined.Select(r => r[..3]));
        Assert.All(quarantined, r => Assert.Equal([OlistCatalog.Sellers.FileName, "sellers"], r[3..]));
    }

    [Fact]
    public async Task Quarantine_keeps_the_exact_bytes_of_each_record()
    {
        byte[] badLine = [.. "s6,\"01006\",s"u8, 0xC3, 0x28, .. "o,SP"u8];
        _harness.WriteSource(OlistCatalog.Sellers.FileName, [.. Encoding.UTF8.GetBytes(LoaderHarness.HeaderOf(OlistCatalog.Sellers)), .. badLine, .. "\r\n"u8, .. "s2,1,2,3,4\n"u8]);

        await _harness.LoadAsync();

        var rows = await _harness.QueryAsync("SELECT hex(raw_bytes), raw_text FROM raw._quarantine ORDER BY line_number");
        Assert.Equal(Convert.ToHexString(badLine), rows[0][0]);
        Assert.Equal(Encoding.UTF8.GetString(badLine), rows[0][1]);
        Assert.Equal("s2,1,2,3,4", rows[1][1]);
    }

    private static void Write(MemoryStream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    public void Dispose() => _harness.Dispose();
}
