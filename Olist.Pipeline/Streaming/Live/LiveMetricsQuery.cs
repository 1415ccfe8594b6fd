using DuckDB.NET.Data;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.Consuming;
using Olist.Pipeline.Streaming.Contract;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Streaming.Live;

/// <summary>
/// Computes <see cref="LiveMetrics"/> from the stream tables for the current local day of the <see cref="TimeProvider"/>.
/// The order date is the local purchase time and a sales order is neither canceled nor unavailable, as in the batch KPIs,
/// and an order is its newest row (metrics.md rule 9, <see cref="EventVersion"/>, as staging picks it), so the nightly
/// build of the day agrees with these figures.
/// </summary>
public sealed class LiveMetricsQuery(DuckDbWarehouse warehouse, IMessageBus bus, TimeProvider timeProvider)
{
    /// <summary>How many categories and states the top lists hold.</summary>
    public const string TopCount = "5";

    private const string TodaySql = $"""
        CREATE OR REPLACE TEMP TABLE live_today AS
        SELECT order_id, customer_id FROM {StreamTables.Orders}
        QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY {StreamTables.NewestFirst}) = 1
            AND order_purchase_timestamp >= $day_start AND order_purchase_timestamp < $day_end
            AND order_status NOT IN ('canceled', 'unavailable')
        """;

    private const string TotalsSql = $"""
        SELECT
            (SELECT count(*) FROM live_today),
            (SELECT coalesce(sum(CAST(price AS DECIMAL(18, 2))), 0) FROM {StreamTables.OrderItems} JOIN live_today USING (order_id)),
            (SELECT coalesce(sum(CAST(payment_value AS DECIMAL(18, 2))), 0) FROM {StreamTables.OrderPayments} JOIN live_today USING (order_id)),
            (SELECT count(DISTINCT order_id) FROM {StreamTables.Orders} WHERE event_type = 'order_created' AND epoch_us(event_time) >= $since_1),
            (SELECT count(DISTINCT order_id) FROM {StreamTables.Orders} WHERE event_type = 'order_created' AND epoch_us(event_time) >= $since_5),
            (SELECT count(DISTINCT order_id) FROM {StreamTables.Orders} WHERE event_type = 'order_created' AND epoch_us(event_time) >= $since_15),
            (SELECT count(*) FILTER (WHERE outcome = 'accepted') FROM {StreamTables.Messages} WHERE epoch_us(handled_at) >= $day_start_us),
            (SELECT count(*) FILTER (WHERE outcome = 'dead_lettered') FROM {StreamTables.Messages} WHERE epoch_us(handled_at) >= $day_start_us),
            (SELECT count(*) FILTER (WHERE outcome = 'duplicate') FROM {StreamTables.Messages} WHERE epoch_us(handled_at) >= $day_start_us)
        """;

    /// <summary>How many minutes the orders-per-minute series covers, the current one included.</summary>
    public const int ChartMinutes = 30;

    private const string ByMinuteSql = $"""
        SELECT epoch_us(event_time) // 60000000 AS minute, count(DISTINCT order_id)
        FROM {StreamTables.Orders}
        WHERE event_type = 'order_created' AND epoch_us(event_time) >= $since
        GROUP BY minute
        """;

    private static string TopCategoriesSql(BatchTables batch) => $"""
        SELECT coalesce(nullif(trim(t.product_category_name_english), ''), nullif(trim(p.product_category_name), ''), 'unknown') AS category,
               sum(CAST(i.price AS DECIMAL(18, 2))) AS revenue
        FROM {StreamTables.OrderItems} i
        JOIN live_today USING (order_id)
        LEFT JOIN (SELECT * FROM {batch.Products} QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY _line_number DESC) = 1) p USING (product_id)
        LEFT JOIN {batch.Translation} t ON trim(t.product_category_name) = trim(p.product_category_name)
        GROUP BY category ORDER BY revenue DESC, category LIMIT {TopCount}
        """;

    private static string TopStatesSql(BatchTables batch) => $"""
        WITH customers AS (
            SELECT customer_id, customer_state FROM {StreamTables.Customers}
            UNION ALL
            SELECT customer_id, customer_state FROM {batch.Customers} WHERE customer_id NOT IN (SELECT customer_id FROM {StreamTables.Customers}))
        SELECT coalesce(upper(trim(c.customer_state)), 'unknown') AS state, count(*) AS orders
        FROM live_today o LEFT JOIN customers c USING (customer_id)
        GROUP BY state ORDER BY orders DESC, state LIMIT {TopCount}
        """;

    /// <summary>The metrics of today, as of now.</summary>
    public async Task<LiveMetrics> ReadAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var day = SaoPauloTime.DayOf(now);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        // Readable before the consumer's first start: a page may ask as soon as the data is ready.
        await StreamTables.EnsureAsync(connection, cancellationToken);
        var batch = await BatchTables.ReadAsync(connection, cancellationToken);
        await Sql.ExecuteAsync(connection, TodaySql, cancellationToken, ("day_start", BatchText(day)), ("day_end", BatchText(day.AddDays(1))));
        var totals = new object[9];
        await Sql.ReadAsync(
            connection,
            TotalsSql,
            reader => reader.GetValues(totals),
            cancellationToken,
            ("since_1", Sql.Microseconds(now.AddMinutes(-1))),
            ("since_5", Sql.Microseconds(now.AddMinutes(-5))),
            ("since_15", Sql.Microseconds(now.AddMinutes(-15))),
            ("day_start_us", Sql.Microseconds(SaoPauloTime.StartOf(day))));
        long Count(int i) => Convert.ToInt64(totals[i], CultureInfo.InvariantCulture);
        var orders = Count(0);
        var itemRevenue = Convert.ToDecimal(totals[1], CultureInfo.InvariantCulture);
        var orderValue = Convert.ToDecimal(totals[2], CultureInfo.InvariantCulture);
        var metrics = new LiveMetrics(
            day,
            orders,
            itemRevenue,
            orderValue,
            orders == 0 ? null : orderValue / orders,
            Count(3),
            Count(4) / 5.0,
            Count(5) / 15.0,
            await RankAsync(connection, TopCategoriesSql(batch), cancellationToken),
            await RankAsync(connection, TopStatesSql(batch), cancellationToken),
            Count(6),
            Count(7),
            Count(8),
            (await bus.GetStatsAsync(cancellationToken)).OldestUnacknowledgedAge,
            await ByMinuteAsync(connection, now, cancellationToken));
        await Sql.ExecuteAsync(connection, "DROP TABLE live_today", cancellationToken);
        return metrics;
    }

    private static async Task<IReadOnlyList<RankedValue>> RankAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        var ranked = new List<RankedValue>();
        await Sql.ReadAsync(
            connection,
            sql,
            reader => ranked.Add(new RankedValue(reader.GetString(0), Convert.ToDecimal(reader.GetValue(1), CultureInfo.InvariantCulture))),
            cancellationToken);
        return ranked;
    }

    /// <summary>Every minute of the chart, zero where no order was created, so gaps show as gaps.</summary>
    private static async Task<IReadOnlyList<MinuteCount>> ByMinuteAsync(DuckDBConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var currentMinute = Sql.Microseconds(now) / 60_000_000;
        var first = currentMinute - ChartMinutes + 1;
        var counts = new Dictionary<long, long>();
        await Sql.ReadAsync(
            connection,
            ByMinuteSql,
            reader => counts[reader.GetInt64(0)] = reader.GetInt64(1),
            cancellationToken,
            ("since", first * 60_000_000));
        return [.. Enumerable.Range(0, ChartMinutes).Select(i => first + i).Select(m => new MinuteCount(Sql.FromMicroseconds(m * 60_000_000), counts.GetValueOrDefault(m)))];
    }

    /// <summary>
    /// The batch tables the top lists name categories and states from. With BigQuery as the warehouse they are not in
    /// this file (only the stream's copy is), so an empty stand-in takes a missing one's place: the lists then name only
    /// what the stream itself carries, rather than the page failing. Reading them from BigQuery on every refresh would
    /// bill at least 10 MB a second.
    /// </summary>
    private sealed record BatchTables(string Products, string Translation, string Customers)
    {
        public static async Task<BatchTables> ReadAsync(DuckDBConnection connection, CancellationToken cancellationToken)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            await Sql.ReadAsync(
                connection,
                $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{RawSchema.Name}'",
                reader => present.Add(reader.GetString(0)),
                cancellationToken);
            string Of(SourceTable table) => present.Contains(table.Name)
                ? RawSchema.TableOf(table)
                : $"(SELECT {string.Join(", ", table.ColumnNames.Select(c => $"NULL::VARCHAR AS {Sql.Identifier(c)}"))}, NULL::BIGINT AS _line_number WHERE false)";
            return new BatchTables(Of(OlistCatalog.Products), Of(OlistCatalog.CategoryTranslation), Of(OlistCatalog.Customers));
        }
    }

    private static string BatchText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00";
}
