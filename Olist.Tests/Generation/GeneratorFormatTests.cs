namespace Olist.Tests.Generation;

[Collection(SharedGeneratedDataset.Name)]
public sealed partial class GeneratorFormatTests(GeneratedDataset dataset)
{
    public static TheoryData<string> TableNames => [.. OlistCatalog.Tables.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Header_is_the_catalog_columns_in_the_files_header_style(string tableName)
    {
        var table = OlistCatalog.Find(tableName)!;
        var header = dataset.Document(table).Header;

        Assert.Equal(table.ColumnNames, header.Select(f => f.Value));
        Assert.All(header, f => Assert.Equal(table.Format.QuotedHeader, f.Quoted));
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Every_record_has_all_fields_and_the_files_byte_format(string tableName)
    {
        var table = OlistCatalog.Find(tableName)!;
        var document = dataset.Document(table);

        Assert.NotEmpty(document.Records);
        Assert.All(document.Records, r => Assert.Equal(table.Columns.Count, r.Length));
        Assert.Equal(table.Format.ByteOrderMark, document.ByteOrderMark);
        Assert.Equal(table.Format.FinalNewline, document.FinalNewline);
        Assert.Equal(dataset.Summary.Files.Single(f => f.Table == table.Name).Rows, document.Records.Count);
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Values_follow_the_column_kinds_and_the_quoting_rule(string tableName)
    {
        var table = OlistCatalog.Find(tableName)!;
        foreach (var record in dataset.Document(table).Records)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var (kind, field) = (table.Columns[i].Kind, record[i]);
                if (field.Value.Length == 0)
                {
                    Assert.False(field.Quoted);
                    continue;
                }

                var needsQuotes = char.IsAsciiDigit(field.Value[0]) || field.Value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
                Assert.Equal(kind.IsText() && needsQuotes, field.Quoted);
                Assert.Matches(kind switch
                {
                    ColumnKind.Identifier => HexId(),
                    ColumnKind.ZipPrefix => Zip(),
                    ColumnKind.WholeNumber => WholeNumber(),
                    ColumnKind.Money => Money(),
                    ColumnKind.Real => Real(),
                    ColumnKind.Timestamp => Timestamp(),
                    _ => AnyText(),
                }, field.Value);
            }
        }
    }

    [Fact]
    public void Translation_file_is_the_real_71_pairs_with_bom_crlf_and_no_final_newline()
    {
        var bytes = File.ReadAllBytes(Path.Combine(dataset.Folder, OlistCatalog.CategoryTranslation.FileName));
        var document = dataset.Document(OlistCatalog.CategoryTranslation);

        Assert.Equal(71, document.Records.Count);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.NotEqual((byte)'\n', bytes[^1]);
        Assert.Contains(document.Records, r => r[0].Value == "beleza_saude" && r[1].Value == "health_beauty");
        Assert.Equal("seguros_e_servicos", document.Records[^1][0].Value);
        Assert.Equal(71, document.Records.Select(r => r[0].Value).Distinct().Count());
    }

    [Fact]
    public void Reviews_use_crlf_also_inside_quoted_multi_line_comments()
    {
        var text = File.ReadAllText(Path.Combine(dataset.Folder, OlistCatalog.OrderReviews.FileName));
        var messages = dataset.Rows(OlistCatalog.OrderReviews).Select(r => r["review_comment_message"]).ToList();

        Assert.DoesNotMatch(BareLineFeed(), text);
        Assert.Contains(messages, m => m.Contains("\r\n", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains(',', StringComparison.Ordinal));
    }

    [Fact]
    public void Lf_files_have_no_carriage_returns()
    {
        foreach (var table in OlistCatalog.Tables.Where(t => t.Format.LineEnding == "\n"))
        {
            Assert.DoesNotContain((byte)'\r', File.ReadAllBytes(Path.Combine(dataset.Folder, table.FileName)));
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexId();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex Zip();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^[0-9]+\.[0-9]{2}$")]
    private static partial Regex Money();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex Real();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^\S(.|\r\n)*$")]
    private static partial Regex AnyText();

    [GeneratedRegex("[^\r]\n")]
    private static partial Regex BareLineFeed();
}
