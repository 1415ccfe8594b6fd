namespace Olist.Tests.Kpis;

/// <summary>
/// Identical inputs give identical KPI bytes: the KPI models that average rebuilt twice over the same large marts on
/// several DuckDB threads, whose parallel aggregation adds up rows in whatever order the threads finish.
/// </summary>
public sealed class KpiDeterminismTests : IDisposable
{
    private const int Orders = 600_000;
    private const string Models = "kpi_sales_sellers kpi_seller_deliveries kpi_delivery_times kpi_satisfaction";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Averaging_kpis_rebuilt_from_the_same_marts_on_four_threads_have_the_same_bytes()
    {
        var warehouse = new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"));
        var engine = new TransformProject(
            new TransformOptions { TargetDirectory = _directory.Combine("target") }, warehouse, TimeProvider.System, NullLogger<TransformProject>.Instance);
        // Held open for the whole test: the threads setting belongs to the database instance, which lives while a connection does.
        await using var connection = await warehouse.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, $"SET threads = 4; {MartsSql}");

        var builds = new List<string>();
        for (var build = 0; build < 3; build++)
        {
            var summary = await engine.BuildAsync(new BuildRequest(Models, Indirect: IndirectSelection.Empty), progress: null, CancellationToken.None);
            Assert.True(summary.Succeeded, string.Join("; ", summary.Results.Select(r => $"{r.Name}: {r.Message}")));
            builds.Add(await BytesAsync(connection, "SELECT * FROM kpis.kpi_delivery_times ORDER BY seller_id")
                + await BytesAsync(connection, "SELECT * FROM kpis.kpi_satisfaction ORDER BY bucket_order"));
        }

        Assert.Contains("|", builds[0], StringComparison.Ordinal);
        Assert.All(builds.Skip(1), b => Assert.Equal(builds[0], b));
    }

    /// <summary>
    /// The columns of fact_orders and fact_sales the two KPIs and the tables they read from take (an item's ds is its order's purchase day): delivered
    /// orders of five sellers, delivered after whole-second delays spread over 40 days, with order scores that are means of
    /// one to three reviews.
    /// </summary>
    private static string MartsSql => $"""
        CREATE SCHEMA marts;
        CREATE TABLE marts.fact_orders AS
        SELECT
            'o' || i AS order_id,
            'delivered' AS order_status,
            TIMESTAMP '2018-01-01 08:00:00' + INTERVAL (i % 200) DAY AS order_purchase_timestamp,
            TIMESTAMP '2018-01-01 08:00:00' + INTERVAL (i % 200) DAY + to_seconds(hash(i) % 3456000) AS order_delivered_customer_date,
            TIMESTAMP '2018-01-01 00:00:00' + INTERVAL (i % 200 + 20) DAY AS order_estimated_delivery_date,
            DATE '2018-01-01' + CAST(i % 200 AS INTEGER) AS purchase_date,
            (1 + hash(i * 7) % 5 + (i % 3) * (1 + hash(i * 11) % 5)) / (1.0 + i % 3) AS review_score
        FROM range({Orders}) AS orders(i);
        CREATE TABLE marts.fact_sales AS
        SELECT
            's' || (i % 5) AS seller_id, 'SP' AS seller_state, 'sao paulo' AS seller_city, 'o' || i AS order_id, 'delivered' AS order_status,
            TRUE AS is_sales_order, DATE '2018-01-01' + CAST(i % 200 AS INTEGER) AS ds
        FROM range({Orders}) AS orders(i);
        """;

    private static async Task<string> BytesAsync(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        var text = new StringBuilder();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.GetValue(i) is double number ? number.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static async Task ExecuteAsync(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
