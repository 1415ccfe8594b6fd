using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The embedded bus: one SQLite file (<c>bus.db</c>) in WAL mode, one row per unacknowledged message. Publishing commits
/// with <c>synchronous=FULL</c>, which in WAL mode syncs the log on every commit, so a message whose id was returned
/// survives a process kill and a power cut alike (NORMAL would only survive the process kill). Leases and
/// acknowledgements use NORMAL: losing one to a power cut only redelivers a message, which the consumer absorbs.
/// Acknowledging deletes the row, so the file holds just the backlog.
/// </summary>
public sealed class SqliteMessageBus : IMessageBus, IAsyncDisposable
{
    private const string SchemaSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id TEXT NOT NULL UNIQUE,
            body BLOB NOT NULL,
            attributes TEXT,
            published_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0);
        """;

    private const string LeaseSql = """
        UPDATE messages SET visible_at = $lease_end, attempts = attempts + 1
        WHERE seq IN (SELECT seq FROM messages WHERE visible_at <= $now ORDER BY seq LIMIT $limit)
        RETURNING seq, message_id, body, attributes, published_at, attempts
        """;

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    private readonly SqliteConnection _publishConnection;
    private readonly SqliteConnection _consumeConnection;
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly SemaphoreSlim _consumeGate = new(1, 1);
    private readonly Channel<bool> _published = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeProvider _timeProvider;

    private SqliteMessageBus(SqliteConnection publishConnection, SqliteConnection consumeConnection, TimeProvider timeProvider)
    {
        _publishConnection = publishConnection;
        _consumeConnection = consumeConnection;
        _timeProvider = timeProvider;
    }

    /// <summary>Opens (creating when needed) the bus stored in <paramref name="path"/>.</summary>
    public static async Task<SqliteMessageBus> OpenAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        var publish = await OpenConnectionAsync(connectionString, "FULL", cancellationToken);
        var consume = await OpenConnectionAsync(connectionString, "NORMAL", cancellationToken);
        await ExecuteAsync(publish, SchemaSql, cancellationToken);
        return new SqliteMessageBus(publish, consume, timeProvider);
    }

    public async Task<IReadOnlyList<string>> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = new string[messages.Count];
        await _publishGate.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            await using var transaction = (SqliteTransaction)await _publishConnection.BeginTransactionAsync(cancellationToken);
            await using var command = _publishConnection.CreateCommand();
            command.CommandText = "INSERT INTO messages (message_id, body, attributes, published_at, visible_at) VALUES ($id, $body, $attributes, $now, $now)";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var body = command.Parameters.Add("$body", SqliteType.Blob);
            var attributes = command.Parameters.Add("$attributes", SqliteType.Text);
            command.Parameters.AddWithValue("$now", now);
            for (var i = 0; i < messages.Count; i++)
            {
                // Version 7 GUIDs start with the time and never repeat, even if the bus file is deleted and recreated.
                ids[i] = Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString("N");
                id.Value = ids[i];
                body.Value = messages[i].Body.ToArray();
                attributes.Value = messages[i].Attributes is { Count: > 0 } a ? JsonSerializer.Serialize(a) : DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _publishGate.Release();
        }

        _published.Writer.TryWrite(true);
        return ids;
    }

    public async Task<IReadOnlyList<BusMessage>> PullAsync(int maxMessages, TimeSpan ackDeadline, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        var waitUntil = _timeProvider.GetUtcNow() + maxWait;
        while (true)
        {
            var leased = await LeaseAsync(maxMessages, ackDeadline, cancellationToken);
            var remaining = waitUntil - _timeProvider.GetUtcNow();
            if (leased.Count > 0 || remaining <= TimeSpan.Zero)
            {
                return leased;
            }

            // Woken by a publish in this process, or after a short poll for other publishers and expiring leases.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Min(remaining, TimeSpan.FromMilliseconds(250)));
            try
            {
                await _published.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The poll interval passed; look again.
            }
        }
    }

    public Task AcknowledgeAsync(IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken) =>
        ConsumeSideAsync("DELETE FROM messages WHERE seq IN (SELECT value FROM json_each($ids))", ackIds, null, cancellationToken);

    public Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken) =>
        ConsumeSideAsync(
            "UPDATE messages SET visible_at = $visible_at WHERE seq IN (SELECT value FROM json_each($ids))",
            ackIds,
            (_timeProvider.GetUtcNow() + delay).ToUnixTimeMilliseconds(),
            cancellationToken);

    public async Task<BusStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await _consumeGate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _consumeConnection.CreateCommand();
            command.CommandText = "SELECT count(*), coalesce(sum(visible_at > $now AND attempts > 0), 0), min(published_at) FROM messages";
            var now = _timeProvider.GetUtcNow();
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            TimeSpan? oldest = reader.IsDBNull(2) ? null : Max(TimeSpan.Zero, now - DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
            return new BusStats(reader.GetInt64(0), reader.GetInt64(1), oldest);
        }
        finally
        {
            _consumeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _publishConnection.DisposeAsync();
        await _consumeConnection.DisposeAsync();
        _publishGate.Dispose();
        _consumeGate.Dispose();
    }

    private async Task<IReadOnlyList<BusMessage>> LeaseAsync(int maxMessages, TimeSpan ackDeadline, CancellationToken cancellationToken)
    {
        await _consumeGate.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow();
            await using var command = _consumeConnection.CreateCommand();
            command.CommandText = LeaseSql;
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$lease_end", (now + ackDeadline).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$limit", maxMessages);
            var leased = new List<(long Seq, BusMessage Message)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var seq = reader.GetInt64(0);
                var attributes = reader.IsDBNull(3) ? NoAttributes : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3))!;
                leased.Add((seq, new BusMessage(
                    reader.GetString(1),
                    seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (byte[])reader.GetValue(2),
                    attributes,
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    reader.GetInt32(5))));
            }

            // RETURNING gives no order guarantee; deliver oldest first.
            return leased.OrderBy(m => m.Seq).Select(m => m.Message).ToList();
        }
        finally
        {
            _consumeGate.Release();
        }
    }

    private async Task ConsumeSideAsync(string sql, IReadOnlyCollection<string> ackIds, long? visibleAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ackIds);
        if (ackIds.Count == 0)
        {
            return;
        }

        var ids = JsonSerializer.Serialize(ackIds.Select(a => long.Parse(a, System.Globalization.CultureInfo.InvariantCulture)));
        await _consumeGate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _consumeConnection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$ids", ids);
            if (visibleAt is { } value)
            {
                command.Parameters.AddWithValue("$visible_at", value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _consumeGate.Release();
        }

        if (visibleAt is not null)
        {
            _published.Writer.TryWrite(true);
        }
    }

    private static async Task<SqliteConnection> OpenConnectionAsync(string connectionString, string synchronous, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 30000;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
