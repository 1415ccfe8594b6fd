using System.Globalization;
using DuckDB.NET.Data;
using Olist.Pipeline.Errors;
using Olist.Pipeline.Ingestion.Raw;
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
        foreach (var table in new[] { "orders", StreamTables.Orders["raw.".Length..] })
        {
            if (await SqlCommand.ScalarAsync(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = $name",
                cancellationToken, ("name", table)) > 0)
            {
                tables.Add($"raw.{table}");
            }
        }

        if (tables.Count == 0)
        {
            throw new PipelineException($"The warehouse {warehouse.DatabasePath} has no raw.orders table: load the Olist CSV files first.");
        }

        var purchases = string.Join("\nUNION ALL\n", tables.Select(t => $"SELECT order_id, order_purchase_timestamp FROM {t}"));
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH purchases AS (
                SELECT order_id, try_cast(left(trim(order_purchase_timestamp), 10) AS DATE) AS purchase_day
                FROM ({purchases})
            )
            SELECT strftime(purchase_day, '%Y-%m-%d') AS day, count(DISTINCT order_id) AS orders
            FROM purchases
            WHERE purchase_day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
            GROUP BY purchase_day
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
