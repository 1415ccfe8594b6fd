using Microsoft.Data.Sqlite;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The tables of <c>bus.db</c>, versioned by <c>PRAGMA user_version</c>. Version 0 (the first bus) kept a UNIQUE index
/// on message_id that every publish paid for; version 1 drops it (ids are version-7 GUIDs made by the bus, seq is the
/// key) and adds the delivered-through mark. Opening a version-0 file rebuilds its table and keeps its messages.
/// </summary>
internal static class BusSchema
{
    private const int Version = 1;

    private const string CreateSql = """
        CREATE TABLE messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id TEXT NOT NULL,
            body BLOB NOT NULL,
            attributes TEXT,
            published_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE delivery (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            delivered_through INTEGER NOT NULL);
        INSERT INTO delivery VALUES (1, 0);
        """;

    // Version 0 counted every lease in attempts, as version 1 counts stored deliveries, so the rows carry over as they are.
    private const string MigrateFromVersion0Sql = $"""
        ALTER TABLE messages RENAME TO messages_v0;
        {CreateSql}
        INSERT INTO messages (seq, message_id, body, attributes, published_at, visible_at, attempts)
            SELECT seq, message_id, body, attributes, published_at, visible_at, attempts FROM messages_v0;
        DROP TABLE messages_v0;
        """;

    /// <summary>Brings the file at <paramref name="connection"/> to the current version, in one transaction.</summary>
    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var version = Convert.ToInt32(await Sql.ScalarAsync(connection, "PRAGMA user_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version == Version)
        {
            return;
        }

        if (version != 0)
        {
            throw new PipelineException($"The bus file {connection.DataSource} has schema version {version}, newer than this build's {Version}.");
        }

        var hasMessages = await Sql.ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'messages'", cancellationToken) is > 0L;
        await Sql.ExecuteAsync(connection, $"{(hasMessages ? MigrateFromVersion0Sql : CreateSql)} PRAGMA user_version = {Version};", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
