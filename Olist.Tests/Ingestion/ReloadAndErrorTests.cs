using Olist.Pipeline.Progress;

namespace Olist.Tests.Ingestion;

public sealed class ReloadAndErrorTests : IDisposable
{
    private readonly LoaderHarness _harness = new();

    [Fact]
    public async Task Reloading_a_file_replaces_its_rows_and_quarantine_and_adds_to_the_history()
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, LoaderHarness.HeaderOf(OlistCatalog.Sellers) + "s1,\"01001\",sao paulo,SP\ns2,bad\ns3,\"01003\",rio,RJ\n");
        await _harness.LoadAsync();
        _harness.Clock.Now += TimeSpan.FromHours(1);
        _harness.WriteSource(OlistCatalog.Sellers.FileName, LoaderHarness.HeaderOf(OlistCatalog.Sellers) + "s1,\"01001\",sao paulo,SP\ns2,bad\ns4,\"01004\",curitiba,PR\ns5,x\n");

        var result = Assert.Single(await _harness.LoadAsync());

        Assert.Equal((4L, 2L, 2L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(["s1", "s4"], (await _harness.QueryAsync("SELECT seller_id FROM raw.sellers ORDER BY seller_id")).Select(r => r[0]));
        Assert.Equal([3L, 5L], (await _harness.QueryAsync("SELECT line_number FROM raw._quarantine ORDER BY line_number")).Select(r => r[0]));
        Assert.Equal(2, await _harness.CountAsync("SELECT count(*) FROM raw._loads WHERE table_name = 'sellers'"));
        var status = (await _harness.Status.ReadAsync(CancellationToken.None)).Single(s => s.Table == "sellers");
        Assert.Equal((2L, 2L, _harness.Clock.Now), (status.RowsLoaded, status.RowsQuarantined, status.LoadedAt!.Value));
    }

    [Fact]
    public async Task A_header_that_does_not_match_names_the_file_and_columns_and_leaves_the_previous_load_in_place()
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, LoaderHarness.HeaderOf(OlistCatalog.Sellers) + "s1,\"01001\",sao paulo,SP\n");
        await _harness.LoadAsync();
        _harness.WriteSource(OlistCatalog.Sellers.FileName, "seller_id,seller_zip,seller_city,seller_state\ns2,\"01002\",rio,RJ\n");

        var error = await Assert.ThrowsAsync<PipelineException>(() => _harness.LoadAsync());

        Assert.Contains(OlistCatalog.Sellers.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("missing 'seller_zip_code_prefix'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected 'seller_zip'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["s1"], (await _harness.QueryAsync("SELECT seller_id FROM raw.sellers")).Select(r => r[0]));
    }

    [Fact]
    public async Task A_missing_folder_is_an_error_naming_it()
    {
        var missing = Path.Combine(_harness.SourceDirectory, "no-such-folder");

        var error = await Assert.ThrowsAsync<PipelineException>(() => _harness.LoadAsync(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_any_of_the_nine_files_is_an_error_naming_it()
    {
        _harness.WriteSource("something_else.csv", "a,b\n1,2\n");

        var error = await Assert.ThrowsAsync<PipelineException>(() => _harness.LoadAsync());

        Assert.Contains(_harness.SourceDirectory, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_an_error_naming_it()
    {
        _harness.WriteSource(OlistCatalog.Orders.FileName, "");

        var error = await Assert.ThrowsAsync<PipelineException>(() => _harness.LoadAsync());

        Assert.Contains(OlistCatalog.Orders.FileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_only_file_loads_an_empty_table()
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, LoaderHarness.HeaderOf(OlistCatalog.Sellers));

        var result = Assert.Single(await _harness.LoadAsync());

        Assert.Equal((0L, 0L), (result.RowsRead, result.RowsLoaded));
        Assert.Equal(0, await _harness.CountAsync("SELECT count(*) FROM raw.sellers"));
    }

    [Fact]
    public async Task A_record_longer_than_DuckDBs_default_line_limit_loads_whole()
    {
        var longCity = string.Join("\r\n", Enumerable.Repeat(new string('c', 1000), 3000));
        _harness.WriteSource(OlistCatalog.Sellers.FileName, LoaderHarness.HeaderOf(OlistCatalog.Sellers) + $"s1,\"01001\",\"{longCity}\",SP\ns2,\"01002\",rio,RJ\n");

        var result = Assert.Single(await _harness.LoadAsync());

        Assert.Equal(2, result.RowsLoaded);
        Assert.Equal(
            [[(long)longCity.Length, 2L], [3L, 3002L]],
            await _harness.QueryAsync("SELECT length(seller_city), _line_number FROM raw.sellers ORDER BY _line_number"));
    }

    [Fact]
    public async Task Progress_names_each_file_and_ends_with_all_of_it_done()
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, LoaderHarness.HeaderOf(OlistCatalog.Sellers) + "s1,\"01001\",sao paulo,SP\n");
        _harness.WriteSource(OlistCatalog.CategoryTranslation.FileName, "product_category_name,product_category_name_english\r\nbeleza_saude,health_beauty");
        var reports = new List<WorkProgress>();

        await _harness.Loader.LoadAsync(_harness.SourceDirectory, new ListProgress(reports), CancellationToken.None);

        Assert.Equal(
            new HashSet<string> { OlistCatalog.CategoryTranslation.FileName, OlistCatalog.Sellers.FileName },
            reports.Select(r => r.Step).ToHashSet());
        Assert.All(reports.GroupBy(r => r.Step), step => Assert.Equal(1.0, step.Last().Fraction));
    }

    [Fact]
    public async Task A_cancelled_load_stops_with_cancellation()
    {
        _harness.WriteSource(OlistCatalog.Sellers.FileName, LoaderHarness.HeaderOf(OlistCatalog.Sellers) + "s1,\"01001\",sao paulo,SP\n");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Loader.LoadAsync(_harness.SourceDirectory, null, cancellation.Token));
    }

    public void Dispose() => _harness.Dispose();

    /// <summary>Collects reports synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
    private sealed class ListProgress(List<WorkProgress> reports) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
