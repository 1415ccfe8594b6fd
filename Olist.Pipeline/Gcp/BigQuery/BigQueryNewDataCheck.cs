using Olist.Pipeline.Catalog;
using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// The daily build's short-circuit on BigQuery: distinct orders per purchase day over <c>raw_orders</c> and
/// <c>raw_stream_orders</c>, the day a named parameter. As on DuckDB, the day is the first ten characters of the trimmed
/// purchase text, and a text that does not parse as a date and time counts for no day.
/// </summary>
public sealed class BigQueryNewDataCheck(BigQueryWarehouse warehouse) : INewDataCheck
{
    public async Task<long> CountOrdersAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(
            """
            SELECT COUNT(DISTINCT order_id) AS orders
            FROM purchases
            WHERE STARTS_WITH(TRIM(order_purchase_timestamp), @day) AND SAFE_CAST(TRIM(order_purchase_timestamp) AS DATETIME) IS NOT NULL
            """,
            [BigQueryParameter.OfString("day", Text(day))],
            cancellationToken);
        return result.Rows is [var row, ..] ? (long)row[0]! : 0;
    }

    public async Task<IReadOnlyDictionary<DateOnly, long>> CountByDayAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(
            """
            SELECT SAFE_CAST(LEFT(TRIM(order_purchase_timestamp), 10) AS DATE) AS day, COUNT(DISTINCT order_id) AS orders
            FROM purchases
            WHERE LEFT(TRIM(order_purchase_timestamp), 10) BETWEEN @from AND @to
            GROUP BY day
            HAVING day IS NOT NULL
            """,
            [BigQueryParameter.OfString("from", Text(firstDay)), BigQueryParameter.OfString("to", Text(lastDay))],
            cancellationToken);
        return result.Rows.ToDictionary(r => (DateOnly)r[0]!, r => (long)r[1]!);
    }

    /// <summary><paramref name="select"/> over <c>purchases</c>: order id and purchase text of the batch and stream order tables.</summary>
    private async Task<BigQueryResult> QueryAsync(string select, IReadOnlyList<BigQueryParameter> parameters, CancellationToken cancellationToken)
    {
        var client = await warehouse.ClientAsync(cancellationToken);
        var sql = $"""
            WITH purchases AS (
                SELECT order_id, order_purchase_timestamp FROM {warehouse.RawRelation(OlistCatalog.Orders)}
                UNION ALL
                SELECT order_id, order_purchase_timestamp FROM {warehouse.Relation(BigQueryStreamTables.TableId(StreamTables.Orders))}
            )
            {select}
            """;
        try
        {
            return await client.QueryAsync(sql, parameters, queryOptions: null, cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.Reason == "notFound")
        {
            throw new PipelineException($"BigQuery {warehouse.Location} has no raw_orders or raw_stream_orders table: load the Olist CSV files first.", ex);
        }
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
