using Olist.Pipeline.Catalog;
using Olist.Pipeline.Gcp.BigQuery;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// The batch data a live event is judged against, read from the BigQuery warehouse when it is the warehouse: the raw
/// tables live there and not in the DuckDB file, so without this every event would be dead-lettered for an unknown
/// product. The ids are read once per start (one query), the full row of a batch order only when a status change of a
/// micro-batch moves it (one query per batch for all such orders).
/// </summary>
internal sealed class BigQueryStreamReference(BigQueryWarehouse warehouse)
{
    private static readonly string OrderColumns = string.Join(", ", OlistCatalog.Orders.ColumnNames.Select(c => $"`{c}`"));

    /// <summary>Adds the batch data's order, customer, product and seller ids to <paramref name="state"/>.</summary>
    public async Task LoadIdsAsync(StreamState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["order_id"] = state.BatchOrderIds,
            ["customer_id"] = state.Customers,
            ["product_id"] = state.Products,
            ["seller_id"] = state.Sellers,
        };
        var tables = new[] { OlistCatalog.Orders, OlistCatalog.Customers, OlistCatalog.Products, OlistCatalog.Sellers };
        var sql = string.Join(
            "\nunion distinct\n",
            sets.Keys.Zip(tables, (column, table) => $"select '{column}' as kind, `{column}` as id from {warehouse.RawRelation(table)} where `{column}` is not null"));
        var client = await warehouse.ClientAsync(cancellationToken);
        foreach (var row in (await client.QueryAsync(sql, parameters: null, queryOptions: null, cancellationToken)).Rows)
        {
            sets[(string)row[0]!].Add((string)row[1]!);
        }
    }

    /// <summary>The latest batch row of each of <paramref name="orderIds"/> there is, its status cleaned as staging cleans it.</summary>
    public async Task<IReadOnlyList<OrderState>> ReadBatchOrdersAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        if (orderIds.Count == 0)
        {
            return [];
        }

        var client = await warehouse.ClientAsync(cancellationToken);
        var result = await client.QueryAsync(
            $"""
            select {OrderColumns} from {warehouse.RawRelation(OlistCatalog.Orders)}
            where order_id in unnest(@order_ids)
            qualify row_number() over (partition by order_id order by _line_number desc) = 1
            """,
            [BigQueryParameter.OfStringArray("order_ids", orderIds)],
            queryOptions: null,
            cancellationToken);
        return [.. result.Rows.Select(row =>
        {
            string? Text(int i) => (string?)row[i];
            return new OrderState((string)row[0]!, Text(1), (Text(2) ?? string.Empty).Trim().ToLowerInvariant(), Text(3), Text(4), Text(5), Text(6), Text(7));
        })];
    }

}
