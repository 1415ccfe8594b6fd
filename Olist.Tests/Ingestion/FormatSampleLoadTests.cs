namespace Olist.Tests.Ingestion;

public sealed partial class FormatSampleLoadTests : IDisposable
{
    private readonly LoaderHarness _harness = new();

    [RealDataFact]
    public async Task Reviews_with_CRLF_and_quoted_line_breaks_load_with_the_physical_line_of_each_record()
    {
        var sample = File.ReadAllBytes(RealOlistFiles.PathOf("format-samples/olist_order_reviews_dataset.first_rows.csv"));
        _harness.WriteSource(OlistCatalog.OrderReviews.FileName, sample);

        var result = Assert.Single(await _harness.LoadAsync());

        var lines = System.Text.Encoding.UTF8.GetString(sample).Split("\r\n");
        var recordStarts = lines.Select((line, index) => (line, number: index + 1L)).Where(l => ReviewStart().IsMatch(l.line)).ToList();
        Assert.Equal(recordStarts.Count, result.RowsRead);
        Assert.Equal(0, result.RowsQuarantined);
        var multiLine = await _harness.QueryAsync(
            "SELECT review_comment_message, _line_number FROM raw.order_reviews WHERE review_id = '4b49719c8a200003f700d3d986ea1a19'");
        Assert.Equal(["Mas um pouco ,travando...pelo valor ta Boa.\r\n", LineOf("4b49719c8a200003f700d3d986ea1a19")], Assert.Single(multiLine));
        var next = await _harness.QueryAsync("SELECT _line_number FROM raw.order_reviews WHERE review_id = '23f75a37effc35d9a915b4e1ad483793'");
        Assert.Equal(LineOf("4b49719c8a200003f700d3d986ea1a19") + 2, Assert.Single(next)[0]);
        Assert.Equal(LineOf("23f75a37effc35d9a915b4e1ad483793"), Assert.Single(next)[0]);
        Assert.Equal(
            recordStarts.Select(r => r.number),
            (await _harness.QueryAsync("SELECT _line_number FROM raw.order_reviews ORDER BY _line_number")).Select(r => (long)r[0]!));

        long LineOf(string reviewId) => recordStarts.Single(r => r.line.StartsWith($"\"{reviewId}\"", StringComparison.Ordinal)).number;
    }

    [RealDataFact]
    public async Task Geolocation_sample_loads_every_point_with_zip_prefixes_as_text()
    {
        var path = RealOlistFiles.PathOf("format-samples/olist_geolocation_dataset.first_rows.csv");
        _harness.WriteSource(OlistCatalog.Geolocation.FileName, File.ReadAllBytes(path));

        var result = Assert.Single(await _harness.LoadAsync());

        var dataLines = File.ReadAllLines(path).Skip(1).ToList();
        Assert.Equal(dataLines.Count, result.RowsLoaded);
        var first = dataLines[0].Split(',');
        var loaded = await _harness.QueryAsync(
            "SELECT geolocation_zip_code_prefix, geolocation_lat, geolocation_lng, geolocation_city, geolocation_state FROM raw.geolocation WHERE _line_number = 2");
        Assert.Equal([first[0].Trim('"'), first[1], first[2], first[3], first[4]], Assert.Single(loaded));
    }

    public void Dispose() => _harness.Dispose();

    [GeneratedRegex("^\"[0-9a-f]{32}\",\"")]
    private static partial Regex ReviewStart();
}
