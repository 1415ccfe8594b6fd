namespace Olist.Tests.Catalog;

public class CatalogTests
{
    public static TheoryData<string, string> RealFiles => new()
    {
        { "olist_order_payments_dataset.csv", "order_payments" },
        { "olist_products_dataset.csv", "products" },
        { "olist_sellers_dataset.csv", "sellers" },
        { "product_category_name_translation.csv", "product_category_name_translation" },
        { "format-samples/olist_geolocation_dataset.first_rows.csv", "geolocation" },
        { "format-samples/olist_order_reviews_dataset.first_rows.csv", "order_reviews" },
    };

    [RealDataTheory]
    [MemberData(nameof(RealFiles))]
    public void Catalog_columns_equal_the_real_header(string relativePath, string table)
    {
        var source = OlistCatalog.Find(table)!;
        var bytes = File.ReadAllBytes(RealOlistFiles.PathOf(relativePath));

        var text = Encoding.UTF8.GetString(bytes);
        var headerLine = text.TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r');
        var names = headerLine.Split(',').Select(n => n.Trim('"')).ToArray();

        Assert.Equal(source.ColumnNames, names);
        Assert.Equal(source.Format.QuotedHeader, headerLine.StartsWith('"'));
    }

    [RealDataTheory]
    [MemberData(nameof(RealFiles))]
    public void Catalog_format_matches_the_real_bytes(string relativePath, string table)
    {
        var format = OlistCatalog.Find(table)!.Format;
        var bytes = File.ReadAllBytes(RealOlistFiles.PathOf(relativePath));

        Assert.Equal(format.ByteOrderMark, bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        var firstNewline = Array.IndexOf(bytes, (byte)'\n');
        Assert.Equal(format.LineEnding == "\r\n", bytes[firstNewline - 1] == (byte)'\r');
        if (!relativePath.StartsWith("format-samples", StringComparison.Ordinal))
        {
            Assert.Equal(format.FinalNewline, bytes[^1] == (byte)'\n');
        }
    }

    [Fact]
    public void Catalog_has_the_nine_tables_with_their_real_file_names()
    {
        Assert.Equal(
            [
                "olist_customers_dataset.csv", "olist_geolocation_dataset.csv", "olist_order_items_dataset.csv",
                "olist_order_payments_dataset.csv", "olist_order_reviews_dataset.csv", "olist_orders_dataset.csv",
                "olist_products_dataset.csv", "olist_sellers_dataset.csv", "product_category_name_translation.csv",
            ],
            OlistCatalog.Tables.Select(t => t.FileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_key_column_is_a_column_of_its_table()
    {
        foreach (var table in OlistCatalog.Tables)
        {
            Assert.All(table.Key, key => Assert.Contains(key, table.ColumnNames));
        }
    }
}
