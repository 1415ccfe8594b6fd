namespace Olist.Tests.Ingestion;

public sealed class SourceStatusReaderTests : IDisposable
{
    private readonly LoaderHarness _harness = new();

    [Fact]
    public async Task A_new_warehouse_reports_every_table_as_never_loaded()
    {
        var status = await _harness.Status.ReadAsync(CancellationToken.None);

        Assert.Equal(OlistCatalog.Tables.Select(t => t.Name), status.Select(s => s.Table));
        Assert.All(status, s => Assert.Equal((null, 0L, 0L, null, 0), (s.File, s.RowsLoaded, s.RowsQuarantined, s.LoadedAt, s.Findings.Count)));
    }

    [Fact]
    public async Task Findings_report_empty_and_duplicate_keys_unparseable_values_duplicate_rows_and_points_outside_Brazil()
    {
        _harness.WriteSource(
            OlistCatalog.OrderPayments.FileName,
            LoaderHarness.HeaderOf(OlistCatalog.OrderPayments)
            + "o1,1,boleto,1,10.50\n"
            + "o1,1,boleto,1,10.50\n"
            + ",1,voucher,x,abc\n"
            + "o2,2,,1,5\n");
        _harness.WriteSource(
            OlistCatalog.Geolocation.FileName,
            LoaderHarness.HeaderOf(OlistCatalog.Geolocation)
            + "\"01037\",-23.5,-46.6,sao paulo,SP\n"
            + "\"01037\",-23.5,-46.6,sao paulo,SP\n"
            + "\"01037\",-23.5,-46.6,sao paulo,SP\n"
            + "\"1037a\",38.7,-9.1,lisboa,PT\n");

        await _harness.LoadAsync();
        var status = (await _harness.Status.ReadAsync(CancellationToken.None)).ToDictionary(s => s.Table);

        Assert.Equal(
            [("empty_key", 1L), ("empty_value", 1L), ("unparseable_value", 1L), ("unparseable_value", 1L), ("duplicate_key", 2L)],
            status["order_payments"].Findings.Select(f => (f.Check, f.Rows)));
        Assert.Contains("payment_installments", status["order_payments"].Findings[2].Description, StringComparison.Ordinal);
        Assert.Equal(
            [("unparseable_value", 1L), ("duplicate_row", 2L), ("outside_brazil", 1L)],
            status["geolocation"].Findings.Select(f => (f.Check, f.Rows)));
        Assert.Empty(status["sellers"].Findings);
    }

    public void Dispose() => _harness.Dispose();
}
