using Microsoft.Data.Sqlite;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Workspace;

/// <summary>A salted hash of a secret; the secret itself is never stored.</summary>
public sealed record StoredSecret(byte[] Salt, byte[] Hash);

/// <summary>Keeps hashed secrets (one per name) in a small SQLite file of the data directory.</summary>
public sealed class SecretStore(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    /// <summary>The stored secret of <paramref name="name"/>, or null.</summary>
    public async Task<StoredSecret?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var secrets = await Sql.QueryAsync(
            connection,
            "SELECT salt, hash FROM secrets WHERE name = $name",
            reader => new StoredSecret((byte[])reader.GetValue(0), (byte[])reader.GetValue(1)),
            cancellationToken,
            ("$name", name));
        return secrets.SingleOrDefault();
    }

    /// <summary>Stores <paramref name="secret"/> unless <paramref name="name"/> has one; true when this call stored it.</summary>
    public async Task<bool> TryAddAsync(string name, StoredSecret secret, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        await using var connection = await OpenAsync(cancellationToken);
        return await Sql.ExecuteAsync(
            connection,
            "INSERT OR IGNORE INTO secrets (name, salt, hash, created_at) VALUES ($name, $salt, $hash, $created_at)",
            cancellationToken,
            ("$name", name),
            ("$salt", secret.Salt),
            ("$hash", secret.Hash),
            ("$created_at", createdAt.ToString("O", CultureInfo.InvariantCulture))) == 1;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await Sql.ExecuteAsync(
            connection,
            "PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, salt BLOB NOT NULL, hash BLOB NOT NULL, created_at TEXT NOT NULL)",
            cancellationToken);
        return connection;
    }
}
