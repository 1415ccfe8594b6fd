using DuckDB.NET.Data;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>Builds the consumer's <see cref="StreamState"/> from the committed warehouse: the ledger, the stream tables and the batch raw tables.</summary>
internal static class StreamStateLoader
{
    private static readonly string OrderColumns = string.Join(", ", OlistCatalog.Orders.ColumnNames.Select(Sql.Identifier));

    public static async Task<StreamState> LoadAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var state = new StreamState();
        await Sql.ReadAsync(connection, $"SELECT message_id, outcome, event_key, epoch_ms(published_at) FROM {StreamTables.Messages}", reader =>
        {
            state.HandledMessages.Add((reader.GetString(0), reader.GetInt64(3)));
            if (reader.GetString(1) == MessageOutcomes.Accepted)
            {
                state.AcceptedEventKeys.Add(reader.GetString(2));
            }
        },
        cancellationToken);
        state.Counters = await ReadCountersAsync(connection, cancellationToken);
        state.LastCommit = await Sql.CountAsync(connection, $"SELECT coalesce(max(commit_seq), 0) FROM {StreamTables.Orders}", cancellationToken);
        await Sql.ReadAsync(
            connection,
            $"""
            SELECT {OrderColumns}, epoch_us(event_time), epoch_us(published_at), publish_seq, event_id FROM {StreamTables.Orders}
            QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY {StreamTables.NewestFirst}) = 1
            """,
            reader => state.Orders[reader.GetString(0)] = ReadOrder(reader) with
            {
                Version = new EventVersion(
                    Sql.FromMicroseconds(reader.GetInt64(8)), Sql.FromMicroseconds(reader.GetInt64(9)), reader.GetInt64(10), reader.GetString(11)),
            },
            cancellationToken);
        await ReadIdsAsync(connection, OlistCatalog.Orders, "order_id", state.BatchOrderIds, cancellationToken);
        await ReadIdsAsync(connection, OlistCatalog.Customers, "customer_id", state.Customers, cancellationToken);
        await ReadIdsAsync(connection, OlistCatalog.Products, "product_id", state.Products, cancellationToken);
        await ReadIdsAsync(connection, OlistCatalog.Sellers, "seller_id", state.Sellers, cancellationToken);
        await Sql.ReadAsync(connection, $"SELECT customer_id FROM {StreamTables.Customers}", reader => state.Customers.Add(reader.GetString(0)), cancellationToken);
        return state;
    }

    /// <summary>The latest batch row of a batch order, its status cleaned as staging cleans it; null when there is none.</summary>
    public static async Task<OrderState?> ReadBatchOrderAsync(DuckDBConnection connection, string orderId, CancellationToken cancellationToken)
    {
        OrderState? order = null;
        await Sql.ReadAsync(
            connection,
            $"SELECT {OrderColumns} FROM {RawSchema.TableOf(OlistCatalog.Orders)} WHERE order_id = $id ORDER BY _line_number DESC LIMIT 1",
            reader => order = ReadOrder(reader) with { Status = (reader.IsDBNull(2) ? string.Empty : reader.GetString(2)).Trim().ToLowerInvariant() },
            cancellationToken,
            ("id", orderId));
        return order;
    }

    private static async Task<StreamCounters> ReadCountersAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        long accepted = 0, duplicates = 0, mismatches = 0;
        var reasons = new List<string>();
        await Sql.ReadAsync(
            connection,
            $"SELECT outcome, reason, count(*), count(*) FILTER (WHERE payment_mismatch) FROM {StreamTables.Messages} GROUP BY ALL",
            reader =>
            {
                var count = reader.GetInt64(2);
                mismatches += reader.GetInt64(3);
                switch (reader.GetString(0))
                {
                    case MessageOutcomes.Accepted:
                        accepted += count;
                        break;
                    case MessageOutcomes.Duplicate:
                        duplicates += count;
                        break;
                    default:
                        reasons.AddRange(Enumerable.Repeat(reader.GetString(1), (int)count));
                        break;
                }
            },
            cancellationToken);
        return StreamCounters.Empty.Add(accepted, duplicates, reasons, mismatches);
    }

    private static async Task ReadIdsAsync(DuckDBConnection connection, SourceTable table, string column, HashSet<string> ids, CancellationToken cancellationToken)
    {
        var exists = await Sql.CountAsync(
            connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $schema AND table_name = $table",
            cancellationToken,
            ("schema", RawSchema.Name),
            ("table", table.Name)) > 0;
        if (exists)
        {
            await Sql.ReadAsync(
                connection,
                $"SELECT DISTINCT {Sql.Identifier(column)} FROM {RawSchema.TableOf(table)} WHERE {Sql.Identifier(column)} IS NOT NULL",
                reader => ids.Add(reader.GetString(0)),
                cancellationToken);
        }
    }

    private static OrderState ReadOrder(System.Data.Common.DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new OrderState(reader.GetString(0), Text(1), Text(2) ?? string.Empty, Text(3), Text(4), Text(5), Text(6), Text(7));
    }
}
