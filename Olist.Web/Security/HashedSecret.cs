namespace Olist.Web.Security;

/// <summary>
/// A secret the app checks but never keeps: the configured one, else the one stored (as a salted hash) by an earlier
/// start, else a random one created now, written to the console once and stored hashed. Presented values are compared
/// in constant time. Subclasses choose the hash: fast for long random keys, slow for passwords people choose.
/// </summary>
public abstract class HashedSecret
{
    private readonly Lazy<Task<StoredSecret>> _secret;

    /// <param name="store">Where the hash is kept.</param>
    /// <param name="secretName">Its name in the store.</param>
    /// <param name="configured">The value from configuration, which wins when set.</param>
    /// <param name="label">What it is, for the one line that shows a created value.</param>
    /// <param name="timeProvider">The clock that stamps a stored hash.</param>
    protected HashedSecret(SecretStore store, string secretName, string? configured, string label, TimeProvider timeProvider) =>
        _secret = new(() => LoadOrCreateAsync(store, secretName, configured, label, timeProvider));

    /// <summary>Loads the secret, creating and printing it when there is none; the app calls this at start.</summary>
    public Task EnsureAsync() => _secret.Value;

    /// <summary>True when <paramref name="presented"/> is the secret.</summary>
    public async Task<bool> IsValidAsync(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        StoredSecret secret;
        try
        {
            secret = await _secret.Value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // No secret could be loaded (the start-up logged why): nothing is accepted.
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(secret.Salt, presented), secret.Hash);
    }

    /// <summary>The hash of <paramref name="secret"/> with <paramref name="salt"/>.</summary>
    protected abstract byte[] Hash(byte[] salt, string secret);

    /// <summary>A new random value, as printed once.</summary>
    protected virtual string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    protected static string Base64Url(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private async Task<StoredSecret> LoadOrCreateAsync(SecretStore store, string secretName, string? configured, string label, TimeProvider timeProvider)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Protect(configured);
        }

        if (await store.GetAsync(secretName, CancellationToken.None) is { } stored)
        {
            return stored;
        }

        var value = Create();
        var created = Protect(value);
        if (await store.TryAddAsync(secretName, created, timeProvider.GetUtcNow(), CancellationToken.None))
        {
            await Console.Out.WriteLineAsync($"{label} (shown once; only its hash is stored): {value}");
            return created;
        }

        // Another process stored one first; that one counts.
        return await store.GetAsync(secretName, CancellationToken.None) ?? created;
    }

    private StoredSecret Protect(string value)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new StoredSecret(salt, Hash(salt, value));
    }
}
