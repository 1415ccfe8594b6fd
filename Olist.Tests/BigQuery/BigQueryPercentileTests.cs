namespace Olist.Tests.BigQuery;

/// <summary>
/// metrics.md: percentiles are continuous, interpolated between the closest ranks. BigQuery's <c>percentile_cont</c> is a
/// window function only, so the dialect writes the aggregate by hand; ZetaSQL's reference implementation (BigQuery's
/// semantics) runs both BigQuery forms and DuckDB runs its own on the same values. The aggregate, which the models use,
/// equals DuckDB's to the last bit.
/// </summary>
public sealed class BigQueryPercentileTests
{
    private static readonly string[] Fractions = ["0", "0.25", "0.5", "0.9", "1"];

    [Fact]
    public async Task BigQuery_percentiles_equal_DuckDB_quantile_cont_as_aggregate_and_as_window()
    {
        var random = new Random(7);
        var values = new List<(string Group, double? Value)>
        {
            ("a", 1), ("a", 2), ("a", 3), ("a", 10), ("a", null),
            ("b", 4.25),
            ("c", -1.5), ("c", 8),
            ("d", null),
        };
        values.AddRange(Enumerable.Range(0, 37).Select(_ => ("e", (double?)Math.Round(random.NextDouble() * 60, 6))));
        var bigQuery = new BigQueryDialect("olist");
        var rows = string.Join(", ", values.Select(v => $"STRUCT('{v.Group}' AS g, CAST({Literal(v.Value)} AS FLOAT64) AS x)"));

        var report = await ZetaSql.RunAsync(
            [],
            [
                new SqlScript("aggregate", $"SELECT g, {Columns(bigQuery, null)} FROM UNNEST([{rows}]) GROUP BY g ORDER BY g", Evaluate: true),
                new SqlScript("window", $"SELECT DISTINCT g, {Columns(bigQuery, "g")} FROM UNNEST([{rows}]) ORDER BY g", Evaluate: true),
            ],
            CancellationToken.None);
        var duckDb = await DuckDbAsync(
            $"SELECT g, {Columns(DuckDbDialect.Instance, null)} FROM (VALUES {string.Join(", ", values.Select(v => $"('{v.Group}', CAST({Literal(v.Value)} AS DOUBLE))"))}) AS t(g, x) GROUP BY g ORDER BY g");

        Assert.All(report.Results, r => Assert.Null(r.Error));
        Assert.Equal(5, duckDb.Count);
        Assert.Contains(duckDb, row => row[0] == "a" && row[3] == "2.5");
        Assert.Equal(duckDb, Texts(report.Results[0].Rows!));
        AssertClose(duckDb, Texts(report.Results[1].Rows!));
    }

    /// <summary>BigQuery's own window function can differ from DuckDB in the last bit (7.9 for 7.900000000000001), nothing more.</summary>
    private static void AssertClose(List<string?[]> expected, List<string?[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal(want[0], got[0]);
            foreach (var (a, b) in want.Skip(1).Zip(got.Skip(1)))
            {
                Assert.Equal(a is null, b is null);
                if (a is not null)
                {
                    Assert.Equal(double.Parse(a, CultureInfo.InvariantCulture), double.Parse(b!, CultureInfo.InvariantCulture), 1e-12);
                }
            }
        }
    }

    private static string Columns(SqlDialect dialect, string? partitionBy) =>
        string.Join(", ", Fractions.Select((f, i) => $"{dialect.PercentileCont("x", f, partitionBy)} AS p{i}"));

    private static string Literal(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL";

    private static List<string?[]> Texts(IReadOnlyList<IReadOnlyList<JsonElement>> rows) =>
        [.. rows.Select(row => row.Select(cell => cell.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            _ => cell.GetString(),
        }).ToArray())];

    private static async Task<List<string?[]>> DuckDbAsync(string sql)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([reader.GetString(0), .. Enumerable.Range(1, reader.FieldCount - 1).Select(i =>
                reader.IsDBNull(i) ? null : reader.GetDouble(i).ToString("R", CultureInfo.InvariantCulture))]);
        }

        return rows;
    }
}
