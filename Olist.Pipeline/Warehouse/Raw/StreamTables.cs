using DuckDB.NET.Data;
using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Warehouse.Raw;

/// <summary>
/// The stream's tables in the warehouse's <c>raw</c> schema. The four data tables have the Olist table's columns as
/// text, exactly like the batch raw tables (timestamps as naive America/Sao_Paulo local time, <c>YYYY-MM-DD HH:MM:SS</c>),
/// so staging unions them with the batch rows; then where each row came from: the event id, bus message id, event type,
/// the event's UTC time and when the consumer received it. A status change is a new <c>stream_orders</c> row with the
/// order's full state, so the newest row per order is the order.
/// <para>
/// Every handled bus message leaves exactly one outcome row: an accepted one its <c>stream_orders</c> row (which also
/// carries the delivery facts: attempts, publish time, payment mismatch), any other one a row of
/// <c>stream_outcomes</c>. The view <c>stream_messages</c> unions the two into the ledger every counter comes from;
/// keeping accepted messages out of a second table saves a row per event on the write path.
/// Dead letters live here, not in the bus file: they are written in the same transaction as the accepted rows, so one
/// commit records a micro-batch's complete outcome and the counts can never disagree with the data.
/// </para>
/// <para>
/// Every data row also carries its event's place in the stream: <c>published_at</c> and <c>publish_seq</c>, its bus
/// message's publish order, which breaks ties of <c>event_time</c> (<see cref="NewestFirst"/>, as the consumer compares event versions);
/// and <c>commit_seq</c>, the number of the consumer's commit that wrote it, one higher for each later commit: a reader
/// that takes the highest committed number once and reads only rows up to it sees the stream as it stood then, however
/// much the consumer commits meanwhile (the warehouse build pins it in <c>stg_stream_watermark</c>).
/// </para>
/// </summary>
public static class StreamTables
{
    public const string Orders = "raw.stream_orders";
    public const string OrderItems = "raw.stream_order_items";
    public const string OrderPayments = "raw.stream_order_payments";
    public const string Customers = "raw.stream_customers";

    /// <summary>The tables of accepted events' rows, which staging unions with the batch rows.</summary>
    public static IReadOnlyList<string> DataTables { get; } = [Orders, OrderItems, OrderPayments, Customers];

    /// <summary>The order of an order's rows from its newest version, as staging ranks them (metrics.md rule 9).</summary>
    public const string NewestFirst = "event_time DESC, published_at DESC, publish_seq DESC, event_id DESC";

    /// <summary>One row per message that bytes and a reason could not turn into an accepted event.</summary>
    public const string DeadLetters = "raw.stream_dead_letters";

    /// <summary>One row per distinct bus message handled, with its outcome: the source of every counter (a view).</summary>
    public const string Messages = "raw.stream_messages";

    /// <summary>One row per handled message that was not accepted: duplicates and dead letters.</summary>
    public const string Outcomes = "raw.stream_outcomes";

    private const string ProvenanceColumns =
        "event_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL, event_time TIMESTAMPTZ NOT NULL, received_at TIMESTAMPTZ NOT NULL";

    /// <summary>The delivery facts of an accepted message, on its order row (with its publish time, one of <see cref="OrderingColumns"/>).</summary>
    private const string AcceptedMessageColumns = "payment_mismatch BOOLEAN NOT NULL, attempts INTEGER NOT NULL";

    /// <summary>
    /// Last in every data table, where a migration adds them, so a migrated table has the column order of a new one (an
    /// order row had its publish time there already).
    /// </summary>
    private const string OrderingColumns = "published_at TIMESTAMPTZ NOT NULL, publish_seq BIGINT NOT NULL, commit_seq BIGINT NOT NULL";

    private const string DeadLetterColumns =
        "message_id VARCHAR NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR NOT NULL, body BLOB NOT NULL, attempts INTEGER NOT NULL, "
        + "published_at TIMESTAMPTZ NOT NULL, dead_lettered_at TIMESTAMPTZ NOT NULL, replay_of VARCHAR, replayed_at TIMESTAMPTZ, replay_message_id VARCHAR";

    private const string OutcomeColumns =
        "message_id VARCHAR NOT NULL, event_key VARCHAR, outcome VARCHAR NOT NULL, reason VARCHAR, attempts INTEGER NOT NULL, "
        + "published_at TIMESTAMPTZ NOT NULL, handled_at TIMESTAMPTZ NOT NULL";

    private static readonly string Ddl = string.Join(
        Environment.NewLine,
        "CREATE SCHEMA IF NOT EXISTS raw;",
        DataTableDdl(Orders, OlistCatalog.Orders, $", {AcceptedMessageColumns}"),
        DataTableDdl(OrderItems, OlistCatalog.OrderItems, string.Empty),
        DataTableDdl(OrderPayments, OlistCatalog.OrderPayments, string.Empty),
        DataTableDdl(Customers, OlistCatalog.Customers, string.Empty),
        $"""
        CREATE TABLE IF NOT EXISTS {DeadLetters} ({DeadLetterColumns});
        CREATE TABLE IF NOT EXISTS {Outcomes} ({OutcomeColumns});
        CREATE VIEW IF NOT EXISTS {Messages} AS
            SELECT message_id, event_id AS event_key, '{MessageOutcomes.Accepted}' AS outcome, NULL::VARCHAR AS reason,
                   payment_mismatch, attempts, published_at, received_at AS handled_at
            FROM {Orders}
            UNION ALL
            SELECT message_id, event_key, outcome, reason, FALSE AS payment_mismatch, attempts, published_at, handled_at
            FROM {Outcomes};
        """);

    /// <summary>
    /// Before the ledger became a view, every outcome was a row of a <c>stream_messages</c> table: its accepted rows lend
    /// their delivery facts to their order rows, the rest move to <c>stream_outcomes</c>, in one transaction.
    /// </summary>
    private static readonly string LedgerTableMigration = $"""
        ALTER TABLE {Orders} ADD COLUMN IF NOT EXISTS payment_mismatch BOOLEAN;
        ALTER TABLE {Orders} ADD COLUMN IF NOT EXISTS attempts INTEGER;
        ALTER TABLE {Orders} ADD COLUMN IF NOT EXISTS published_at TIMESTAMPTZ;
        UPDATE {Orders} AS o SET payment_mismatch = m.payment_mismatch, attempts = m.attempts, published_at = m.published_at
            FROM {Messages} AS m WHERE m.message_id = o.message_id AND m.outcome = '{MessageOutcomes.Accepted}';
        CREATE TABLE {Outcomes} AS
            SELECT message_id, event_key, outcome, reason, attempts, published_at, handled_at
            FROM {Messages} WHERE outcome <> '{MessageOutcomes.Accepted}';
        DROP TABLE {Messages};
        """;

    /// <summary>Creates the tables that do not exist yet, first migrating those an earlier version wrote (<see cref="UpgradeAsync"/>).</summary>
    public static async Task EnsureAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await UpgradeAsync(connection, cancellationToken);
        await Sql.ExecuteAsync(connection, Ddl, cancellationToken);
    }

    /// <summary>
    /// Brings the stream tables an earlier version wrote to the current columns, creating none: a ledger table becomes the
    /// view, data tables get their rows' publish order and commit numbers.
    /// </summary>
    public static async Task UpgradeAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var ledgerIsTable = await Sql.CountAsync(
            connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = 'stream_messages' AND table_type = 'BASE TABLE'",
            cancellationToken) > 0;
        if (ledgerIsTable)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Sql.ExecuteAsync(connection, LedgerTableMigration, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await OrderRowsAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Data tables written before rows carried their order get it, in one transaction. The bus seqs of those messages are
    /// gone with the messages, so an order row's publish sequence is its position in the table, the order the consumer
    /// committed it in (which followed the bus's seqs); item, payment and customer rows take their event's order row's.
    /// Every old row is commit 0: all were committed before any build could pin a higher number.
    /// </summary>
    private static async Task OrderRowsAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var unordered = new List<string>();
        await Sql.ReadAsync(
            connection,
            """
            SELECT table_name FROM information_schema.tables AS t
            WHERE table_schema = 'raw' AND list_contains($tables, table_name)
                AND NOT EXISTS (
                    SELECT 1 FROM information_schema.columns AS c
                    WHERE c.table_schema = 'raw' AND c.table_name = t.table_name AND c.column_name = 'commit_seq')
            """,
            reader => unordered.Add($"raw.{reader.GetString(0)}"),
            cancellationToken,
            ("tables", DataTables.Select(t => t["raw.".Length..]).ToList()));
        if (unordered.Count == 0)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in unordered.OrderBy(t => t != Orders))
        {
            var sql = table == Orders
                ? $"""
                    ALTER TABLE {table} ADD COLUMN publish_seq BIGINT;
                    ALTER TABLE {table} ADD COLUMN commit_seq BIGINT;
                    UPDATE {table} SET publish_seq = rowid, commit_seq = 0;
                    """
                : $"""
                    ALTER TABLE {table} ADD COLUMN published_at TIMESTAMPTZ;
                    ALTER TABLE {table} ADD COLUMN publish_seq BIGINT;
                    ALTER TABLE {table} ADD COLUMN commit_seq BIGINT;
                    UPDATE {table} SET commit_seq = 0;
                    UPDATE {table} AS t SET published_at = o.published_at, publish_seq = o.publish_seq
                        FROM {Orders} AS o WHERE o.event_id = t.event_id;
                    """;
            await Sql.ExecuteAsync(connection, sql, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Each data table's name (<c>raw.stream_orders</c>) and column definitions in DuckDB's types, for another warehouse
    /// to create the same tables in its own types.
    /// </summary>
    public static IReadOnlyList<(string Table, string Columns)> DataTableDefinitions { get; } =
    [
        (Orders, DataColumns(OlistCatalog.Orders, $", {AcceptedMessageColumns}")),
        (OrderItems, DataColumns(OlistCatalog.OrderItems, string.Empty)),
        (OrderPayments, DataColumns(OlistCatalog.OrderPayments, string.Empty)),
        (Customers, DataColumns(OlistCatalog.Customers, string.Empty)),
    ];

    /// <summary>
    /// The dead letters' and the other outcomes' tables, as <see cref="DataTableDefinitions"/> gives the data tables: with
    /// them another warehouse holds a micro-batch's whole outcome, not only its accepted rows.
    /// </summary>
    public static IReadOnlyList<(string Table, string Columns)> OutcomeTableDefinitions { get; } =
    [
        (DeadLetters, DeadLetterColumns),
        (Outcomes, OutcomeColumns),
    ];

    private static string DataTableDdl(string name, SourceTable table, string extraColumns) =>
        $"CREATE TABLE IF NOT EXISTS {name} ({DataColumns(table, extraColumns)});";

    private static string DataColumns(SourceTable table, string extraColumns) =>
        $"{string.Join(", ", table.ColumnNames.Select(c => $"{Sql.Identifier(c)} VARCHAR"))}, {ProvenanceColumns}{extraColumns}, {OrderingColumns}";
}

/// <summary>What became of a bus message, as the ledger's <c>outcome</c> column writes it.</summary>
public static class MessageOutcomes
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string DeadLettered = "dead_lettered";
}
