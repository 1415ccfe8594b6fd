using DuckDB.NET.Data;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Ingestion.Raw;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// The stream's tables in the warehouse's <c>raw</c> schema. The four data tables have the Olist table's columns as
/// text, exactly like the batch raw tables (timestamps as naive America/Sao_Paulo local time, <c>YYYY-MM-DD HH:MM:SS</c>),
/// so staging unions them with the batch rows; then where each row came from: the event id, bus message id, event type,
/// the event's UTC time and when the consumer received it. A status change is a new <c>stream_orders</c> row with the
/// order's full state, so the newest row per order is the order.
/// <para>
/// Dead letters live here, not in the bus file: they are written in the same transaction as the accepted rows and the
/// message ledger, so one commit records a micro-batch's complete outcome and the counts can never disagree with the data.
/// </para>
/// </summary>
public static class StreamTables
{
    public const string Orders = "raw.stream_orders";
    public const string OrderItems = "raw.stream_order_items";
    public const string OrderPayments = "raw.stream_order_payments";
    public const string Customers = "raw.stream_customers";

    /// <summary>One row per message that bytes and a reason could not turn into an accepted event.</summary>
    public const string DeadLetters = "raw.stream_dead_letters";

    /// <summary>One row per distinct bus message handled, with its outcome: the source of every counter.</summary>
    public const string Messages = "raw.stream_messages";

    private const string ProvenanceColumns =
        "event_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL, event_time TIMESTAMPTZ NOT NULL, received_at TIMESTAMPTZ NOT NULL";

    private static readonly string Ddl = string.Join(
        Environment.NewLine,
        "CREATE SCHEMA IF NOT EXISTS raw;",
        DataTableDdl(Orders, OlistCatalog.Orders),
        DataTableDdl(OrderItems, OlistCatalog.OrderItems),
        DataTableDdl(OrderPayments, OlistCatalog.OrderPayments),
        DataTableDdl(Customers, OlistCatalog.Customers),
        $"""
        CREATE TABLE IF NOT EXISTS {DeadLetters} (
            message_id VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            detail VARCHAR NOT NULL,
            body BLOB NOT NULL,
            attempts INTEGER NOT NULL,
            published_at TIMESTAMPTZ NOT NULL,
            dead_lettered_at TIMESTAMPTZ NOT NULL,
            replay_of VARCHAR,
            replayed_at TIMESTAMPTZ,
            replay_message_id VARCHAR);
        CREATE TABLE IF NOT EXISTS {Messages} (
            message_id VARCHAR NOT NULL,
            event_key VARCHAR,
            outcome VARCHAR NOT NULL,
            reason VARCHAR,
            payment_mismatch BOOLEAN NOT NULL,
            attempts INTEGER NOT NULL,
            published_at TIMESTAMPTZ NOT NULL,
            handled_at TIMESTAMPTZ NOT NULL);
        """);

    /// <summary>Creates the tables that do not exist yet.</summary>
    public static Task EnsureAsync(DuckDBConnection connection, CancellationToken cancellationToken) =>
        SqlCommand.ExecuteAsync(connection, Ddl, cancellationToken);

    private static string DataTableDdl(string name, SourceTable table) =>
        $"CREATE TABLE IF NOT EXISTS {name} ({string.Join(", ", table.ColumnNames.Select(c => $"{Sql.Identifier(c)} VARCHAR"))}, {ProvenanceColumns});";
}

/// <summary>What became of a bus message, as the ledger's <c>outcome</c> column writes it.</summary>
public static class MessageOutcomes
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string DeadLettered = "dead_lettered";
}
