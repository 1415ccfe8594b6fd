using DuckDB.NET.Data;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>
/// Counts the orders purchased on a day in the raw batch table and, once the live stream has created it, in
/// <c>raw.stream_orders</c>: the short-circuit of the daily build. Purchase times are naive São Paulo local time text
/// (<c>YYYY-MM-DD HH:MM:SS</c>, perhaps padded with spaces), so the day is the first ten characters of the trimmed text;
/// rows whose time does not parse count for no day.
/// </summary>
public sealed class NewDataCheck(DuckDbWarehouse warehouse) : INewDataCheck
{
    /// <summary>Distinct orders purchased on <paramref name="day"/>.</summary>
    public async Task<long> CountOrdersAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        // The day's text is searched for first (a plain scan); only the few rows holding it are trimmed and checked.
        return await Sql.CountAsync(connection, await OverPurchasesAsync(connection, """
            WITH candidates AS (
                SELECT order_id, trim(order_purchase_timestamp) AS purchase_text FROM purchases WHERE contains(order_purchase_timestamp, $day)
            )
            SELECT count(DISTINCT order_id) FROM candidates
            WHERE starts_with(purchase_text, $day) AND try_cast(purchase_text AS TIMESTAMP) IS NOT NULL
            """, cancellationToken), cancellationToken, ("day", Text(day)));
    }

    /// <summary>Distinct orders per purchase day in [<paramref name="firstDay"/>, <paramref name="lastDay"/>]; days without orders are absent.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, long>> CountByDayAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        var counts = new Dictionary<DateOnly, long>();
        await Sql.ReadAsync(connection, await OverPurchasesAsync(connection, """
            WITH days AS (
                SELECT left(trim(order_purchase_timestamp), 10) AS day_text, count(DISTINCT order_id) AS orders
                FROM purchases
                WHERE left(trim(order_purchase_timestamp), 10) BETWEEN $from AND $to
                GROUP BY day_text
            )
            SELECT strftime(try_cast(day_text AS DATE), '%Y-%m-%d') AS day, orders FROM days WHERE try_cast(day_text AS DATE) IS NOT NULL
            """, cancellationToken),
            reader => counts[DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture)] = reader.GetInt64(1),
            cancellationToken,
            ("from", Text(firstDay)),
            ("to", Text(lastDay)));
        return counts;
    }

    /// <summary><paramref name="sql"/> (a <c>WITH</c> query) with <c>purchases</c> (order id, purchase time text) over the raw order tables that exist.</summary>
    private async Task<string> OverPurchasesAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        var tables = await Sql.QueryAsync(
            connection,
            $"SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name IN ('orders', '{StreamTables.Orders["raw.".Length..]}') ORDER BY 1",
            reader => $"raw.{reader.GetString(0)}",
            cancellationToken);
        if (tables.Count == 0)
        {
            throw new PipelineException($"The warehouse {warehouse.DatabasePath} has no raw.orders table: load the Olist CSV files first.");
        }

        var purchases = string.Join("\nUNION ALL\n", tables.Select(t => $"SELECT order_id, order_purchase_timestamp FROM {t}"));
        return $"WITH purchases AS ({purchases}),\n{sql.TrimStart()["WITH ".Length..]}";
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
