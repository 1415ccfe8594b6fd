namespace Olist.Tests.Ingestion;

public sealed class RealFilesLoadTests : IDisposable
{
    private readonly LoaderHarness _harness = new();

    [RealDataFact]
    public async Task Real_files_load_unchanged_with_exact_counts_and_nothing_quarantined()
    {
        var results = await _harness.LoadAsync(RealOlistFiles.RequireDirectory());

        var byTable = results.ToDictionary(r => r.Table);
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["product_category_name_translation"] = 71,
                ["sellers"] = 3_095,
                ["products"] = 32_951,
                ["order_payments"] = 103_886,
            },
            results.ToDictionary(r => r.Table, r => r.RowsLoaded));
        Assert.All(results, r => Assert.Equal(0, r.RowsQuarantined));
        Assert.All(results, r => Assert.Equal(r.RowsRead, r.RowsLoaded));
        foreach (var table in byTable.Keys)
        {
            Assert.Equal(byTable[table].RowsLoaded, await _harness.CountAsync($"SELECT count(*) FROM raw.{table}"));
        }

        Assert.Equal(0, await _harness.CountAsync("SELECT count(*) FROM raw._quarantine"));
    }

    [RealDataFact]
    public async Task A_leading_zero_zip_and_the_translations_last_row_without_final_newline_are_kept_intact()
    {
        await _harness.LoadAsync(RealOlistFiles.RequireDirectory());

        var seller = await _harness.QueryAsync(
            "SELECT seller_id, seller_zip_code_prefix, seller_city, seller_state, _line_number FROM raw.sellers WHERE seller_id = 'c0f3eea2e14555b6faeea3dd58c1b1c3'");
        Assert.Equal(["c0f3eea2e14555b6faeea3dd58c1b1c3", "04195", "sao paulo", "SP", 5L], Assert.Single(seller));

        var physicalLines = File.ReadAllText(RealOlistFiles.PathOf(OlistCatalog.CategoryTranslation.FileName)).Split("\r\n");
        var last = await _harness.QueryAsync(
            "SELECT product_category_name, product_category_name_english, _line_number, _source_file FROM raw.product_category_name_translation ORDER BY _line_number DESC LIMIT 1");
        Assert.Equal(
            [.. physicalLines[^1].Split(','), (long)physicalLines.Length, OlistCatalog.CategoryTranslation.FileName],
            Assert.Single(last));
    }

    [RealDataFact]
    public async Task Status_after_loading_the_real_files_reports_products_without_category()
    {
        var results = await _harness.LoadAsync(RealOlistFiles.RequireDirectory());

        var status = await _harness.Status.ReadAsync(CancellationToken.None);

        Assert.Equal(OlistCatalog.Tables.Select(t => t.Name), status.Select(s => s.Table));
        var products = status.Single(s => s.Table == "products");
        Assert.Equal(OlistCatalog.Products.FileName, products.File);
        Assert.Equal(32_951, products.RowsLoaded);
        Assert.Equal(_harness.Clock.Now, products.LoadedAt);
        Assert.Equal(results.Single(r => r.Table == "products").LoadedAt, products.LoadedAt);
        var emptyCategory = Assert.Single(products.Findings, f => f.Check == "empty_value" && f.Description.Contains("product_category_name", StringComparison.Ordinal));
        Assert.Equal(610, emptyCategory.Rows);
        Assert.Equal(
            await _harness.CountAsync("SELECT count(*) FROM raw.products WHERE product_category_name IS NULL"),
            emptyCategory.Rows);
        Assert.All(status.Where(s => s.Table is "orders" or "customers"), s => Assert.Null(s.File));
    }

    public void Dispose() => _harness.Dispose();
}
