namespace Olist.Tests.Ingestion;

/// <summary>A load that would empty a raw table, or shrink it sharply, is refused and the table kept as it was.</summary>
public sealed class ShrinkGuardTests : IDisposable
{
    private static readonly string Sellers = LoaderHarness.HeaderOf(OlistCatalog.Sellers);
    private static readonly string Translations = LoaderHarness.HeaderOf(OlistCatalog.CategoryTranslation);

    private readonly LoaderHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_header_only_file_is_refused_its_table_and_history_kept_and_the_other_files_loaded()
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, Sellers + "s1,\"01001\",sao paulo,SP\ns2,\"01002\",rio,RJ\ns3,\"01003\",curitiba,PR\n");
        _harness.WriteSource(OlistCatalog.CategoryTranslation.FileName, Translations + "beleza_saude,health_beauty\n");
        await _harness.LoadAsync();
        _harness.WriteSource(OlistCatalog.Sellers.FileName, Sellers);
        _harness.WriteSource(OlistCatalog.CategoryTranslation.FileName, Translations + "beleza_saude,health_beauty\nbebes,baby\n");

        var error = await Assert.ThrowsAsync<PipelineException>(() => _harness.LoadAsync());

        Assert.StartsWith(
            "refused to replace raw.sellers (3 rows) by olist_sellers_dataset.csv (0 rows): a load may not empty a table or leave it under 50% of its rows, "
            + "so that table is unchanged (the other 1 files were loaded)",
            error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(3, await _harness.CountAsync("SELECT count(*) FROM raw.sellers"));
        Assert.Equal(1, await _harness.CountAsync("SELECT count(*) FROM raw._loads WHERE table_name = 'sellers'"));
        Assert.Equal(2, await _harness.CountAsync("SELECT count(*) FROM raw.product_category_name_translation"));
    }

    [Theory]
    [InlineData(0.5, 1, true)]
    [InlineData(0.5, 2, false)]
    [InlineData(0.25, 1, false)]
    [InlineData(0, 0, true)]
    public async Task The_threshold_is_a_share_of_the_rows_the_table_holds_and_an_empty_load_is_always_refused(double minimumRowFraction, int rowsKept, bool refused)
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, Sellers + "s1,\"01001\",sao paulo,SP\ns2,\"01002\",rio,RJ\ns3,\"01003\",curitiba,PR\ns4,\"01004\",natal,RN\n");
        await _harness.LoadAsync();
        _harness.WriteSource(OlistCatalog.Sellers.FileName, Sellers + string.Concat(Enumerable.Range(1, rowsKept).Select(i => $"s{i},\"0100{i}\",sao paulo,SP\n")));

        var load = _harness.Loader.LoadAsync(_harness.SourceDirectory, new ShrinkGuard(minimumRowFraction), progress: null, CancellationToken.None);

        if (refused)
        {
            await Assert.ThrowsAsync<PipelineException>(() => load);
        }
        else
        {
            await load;
        }

        Assert.Equal(refused ? 4 : rowsKept, await _harness.CountAsync("SELECT count(*) FROM raw.sellers"));
    }

    [Fact]
    public async Task Allowing_the_shrink_loads_the_empty_file_and_a_first_load_is_never_refused()
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, Sellers);
        await _harness.LoadAsync();
        _harness.WriteSource(OlistCatalog.Sellers.FileName, Sellers + "s1,\"01001\",sao paulo,SP\n");
        await _harness.LoadAsync();
        _harness.WriteSource(OlistCatalog.Sellers.FileName, Sellers);

        var result = Assert.Single(await _harness.Loader.LoadAsync(
            _harness.SourceDirectory, ShrinkGuard.Default with { AllowShrink = true }, progress: null, CancellationToken.None));

        Assert.Equal(0, result.RowsLoaded);
        Assert.Equal(0, await _harness.CountAsync("SELECT count(*) FROM raw.sellers"));
    }
}
