using DuckDB.NET.Data;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Streaming.DeadLetters;

/// <summary>
/// Reads the dead letters and replays them: a replay publishes the stored bytes again as a new bus message that names
/// the original (attribute <c>replay_of</c>), so an event without event_id keeps its idempotency key and a replay that
/// runs twice cannot accept the same event twice. With BigQuery as the warehouse this reads the DuckDB copy the consumer
/// writes after BigQuery committed a batch; BigQuery's <c>raw_stream_dead_letters</c> keeps each dead letter as it
/// arrived, and the replay marks stay here: a replay's own outcome reaches BigQuery as its new message's, naming the
/// original in <c>replay_of</c> when it fails again.
/// </summary>
public sealed class DeadLetterStore(DuckDbWarehouse warehouse, IMessageBus bus, TimeProvider timeProvider)
{
    private const string Columns = "message_id, reason, detail, body, attempts, epoch_us(published_at), epoch_us(dead_lettered_at), epoch_us(replayed_at), replay_message_id, coalesce(replay_of, message_id)";

    /// <summary>The newest dead letters, of one reason or all; replayed ones only when asked.</summary>
    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(string? reason, bool includeReplayed, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync(
            $"SELECT {Columns} FROM {StreamTables.DeadLetters} WHERE ($reason IS NULL OR reason = $reason) AND ($all OR replayed_at IS NULL) "
            + "ORDER BY dead_lettered_at DESC, message_id LIMIT $limit",
            cancellationToken,
            ("reason", reason),
            ("all", includeReplayed),
            ("limit", limit));
    }

    /// <summary>Dead letters not replayed yet, per reason, most frequent first.</summary>
    public async Task<IReadOnlyList<DeadLetterCount>> CountByReasonAsync(CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await StreamTables.EnsureAsync(connection, cancellationToken);
        return await Sql.QueryAsync(
            connection,
            $"SELECT reason, count(*) FROM {StreamTables.DeadLetters} WHERE replayed_at IS NULL GROUP BY reason ORDER BY count(*) DESC, reason",
            reader => new DeadLetterCount(reader.GetString(0), reader.GetInt64(1)),
            cancellationToken);
    }

    /// <summary>Replays the named dead letters that were not replayed yet; returns the new message ids.</summary>
    public async Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var pending = await ReadAsync(
            $"SELECT {Columns} FROM {StreamTables.DeadLetters} WHERE replayed_at IS NULL AND list_contains($ids, message_id) ORDER BY dead_lettered_at",
            cancellationToken,
            ("ids", messageIds.ToList()));
        return await ReplayAsync(pending, cancellationToken);
    }

    /// <summary>Replays every dead letter of <paramref name="reason"/> not replayed yet; returns the new message ids.</summary>
    public async Task<IReadOnlyList<string>> ReplayReasonAsync(string reason, CancellationToken cancellationToken)
    {
        var pending = await ReadAsync(
            $"SELECT {Columns} FROM {StreamTables.DeadLetters} WHERE replayed_at IS NULL AND reason = $reason ORDER BY dead_lettered_at",
            cancellationToken,
            ("reason", reason));
        return await ReplayAsync(pending, cancellationToken);
    }

    /// <summary>Publishes first, then marks: a crash in between replays twice at worst, which the consumer's dedupe absorbs.</summary>
    private async Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<DeadLetterEntry> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return [];
        }

        var newIds = await bus.PublishAsync(
            pending.Select(d => new OutgoingMessage(d.Body, new Dictionary<string, string> { [MessageAttributes.ReplayOf] = d.OriginalMessageId })).ToList(),
            cancellationToken);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {StreamTables.DeadLetters} SET replayed_at = make_timestamptz($at), replay_message_id = $new WHERE message_id = $old";
        var at = new DuckDBParameter("at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        var newId = new DuckDBParameter("new", string.Empty);
        var oldId = new DuckDBParameter("old", string.Empty);
        command.Parameters.Add(at);
        command.Parameters.Add(newId);
        command.Parameters.Add(oldId);
        for (var i = 0; i < pending.Count; i++)
        {
            newId.Value = newIds[i];
            oldId.Value = pending[i].MessageId;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return newIds;
    }

    private async Task<IReadOnlyList<DeadLetterEntry>> ReadAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await StreamTables.EnsureAsync(connection, cancellationToken);
        return await Sql.QueryAsync(
            connection,
            sql,
            reader => new DeadLetterEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                ReadBlob(reader, 3),
                reader.GetInt32(4),
                Sql.FromMicroseconds(reader.GetInt64(5)),
                Sql.FromMicroseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : Sql.FromMicroseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetString(9)),
            cancellationToken,
            parameters);
    }

    private static byte[] ReadBlob(System.Data.Common.DbDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

}

/// <summary>A stored dead letter.</summary>
/// <param name="MessageId">The bus message that failed.</param>
/// <param name="Reason">The dead-letter reason of events.md.</param>
/// <param name="Detail">One line naming the field or value.</param>
/// <param name="Body">The message's bytes exactly as published.</param>
/// <param name="Attempts">Deliveries it took.</param>
/// <param name="PublishedAt">When the bus stored it.</param>
/// <param name="DeadLetteredAt">When the consumer dead-lettered it.</param>
/// <param name="ReplayedAt">When it was replayed, if it was.</param>
/// <param name="ReplayMessageId">The message id of the replay.</param>
/// <param name="OriginalMessageId">The message id it was first published under (itself unless it is a failed replay).</param>
public sealed record DeadLetterEntry(
    string MessageId,
    string Reason,
    string Detail,
    byte[] Body,
    int Attempts,
    DateTimeOffset PublishedAt,
    DateTimeOffset DeadLetteredAt,
    DateTimeOffset? ReplayedAt,
    string? ReplayMessageId,
    string OriginalMessageId);

/// <summary>How many dead letters of one reason wait for a replay.</summary>
public sealed record DeadLetterCount(string Reason, long Count);
