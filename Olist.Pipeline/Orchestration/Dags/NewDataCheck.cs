using System.Globalization;
using DuckDB.NET.Data;
using Olist.Pipeline.Errors;
using Olist.Pipeline.Streaming.Consuming;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>
/// Counts the orders purchased on a day in the raw batch table and, once the live stream has created it, in
/// <c>raw.stream_orders</c>: the short-circuit of the daily build. Purchase times are naive São Paulo local time text
/// (<c>YYYY-MM-DD HH:MM:SS</c>), so the day is their first ten characters; rows whose time does not parse count for no day.
/// </summary>
public sealed class NewDataCheck(DuckDbWarehouse warehouse)
{
    /// <summary>Distinct orders purchased on <paramref name="day"/>.</summary>
    public async Task<long> CountOrdersAsync(DateOnly day, CancellationToken cancellationToken) =>
        (await CountByDayAsync(day, day, cancellationToken)).GetValueOrDefault(day);

    /// <summary>Distinct orders per purchase day in [<paramref name="from"/>, <paramref name="to"/>]; days without orders are absent.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, long>> CountByDayAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var find = connection.CreateCommand())
        {
            find.CommandText = $"SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw' AND table_name IN ('orders', '{StreamTables.Orders["raw.".Length..]}') ORDER BY 1";
            await using var found = await find.ExecuteReaderAsync(cancellationToken);
            while (await found.ReadAsync(cancellationToken))
            {
                tables.Add($"raw.{found.GetString(0)}");
            }
        }

        if (tables.Count == 0)
        {
            throw new PipelineException($"The warehouse {warehouse.DatabasePath} has no raw.orders table: load the Olist CSV files first.");
        }

        // Text comparison of the ISO day prefix is a plain scan; only the few distinct days found are parsed.
        var purchases = string.Join("\nUNION ALL\n", tables.Select(t => $"SELECT order_id, left(trim(order_purchase_timestamp), 10) AS day_text FROM {t}"));
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH purchases AS ({purchases}),
            days AS (
                SELECT day_text, count(DISTINCT order_id) AS orders
                FROM purchases
                WHERE day_text BETWEEN $from AND $to
                GROUP BY day_text
            )
            SELECT strftime(try_cast(day_text AS DATE), '%Y-%m-%d') AS day, orders
            FROM days
            WHERE try_cast(day_text AS DATE) IS NOT NULL
            """;
        command.Parameters.Add(new DuckDBParameter("from", Text(from)));
        command.Parameters.Add(new DuckDBParameter("to", Text(to)));
        var counts = new Dictionary<DateOnly, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
