using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Olist.Web.Security;

/// <summary>
/// The publisher API key: the configured one, else the one created at first start. Only a salted SHA-256 hash is kept
/// (the key is 256 random bits, so a slow hash buys nothing and would slow every ingestion request); presented keys
/// are compared in constant time. A created key is written to the console once, never to a log.
/// </summary>
public sealed class PublisherKey(SecretStore store, IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    /// <summary>The name of the publisher key in the secret store.</summary>
    public const string SecretName = "publisher_api_key";

    private readonly Lazy<Task<StoredSecret>> _secret = new(() => LoadOrCreateAsync(store, options.Value, timeProvider));

    /// <summary>Loads the key, creating and printing it when there is none; the app calls this at start.</summary>
    public Task EnsureAsync() => _secret.Value;

    /// <summary>True when <paramref name="presented"/> is the publisher key.</summary>
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
            // No key could be loaded (the start-up logged why): nobody may publish.
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(secret.Salt, presented), secret.Hash);
    }

    private static async Task<StoredSecret> LoadOrCreateAsync(SecretStore store, AuthOptions options, TimeProvider timeProvider)
    {
        if (!string.IsNullOrEmpty(options.PublisherApiKey))
        {
            return Protect(options.PublisherApiKey);
        }

        if (await store.GetAsync(SecretName, CancellationToken.None) is { } stored)
        {
            return stored;
        }

        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var created = Protect(key);
        if (await store.TryAddAsync(SecretName, created, timeProvider.GetUtcNow(), CancellationToken.None))
        {
            await Console.Out.WriteLineAsync($"Publisher API key (shown once; only its hash is stored): {key}");
            return created;
        }

        // Another process stored one first; that one counts.
        return await store.GetAsync(SecretName, CancellationToken.None) ?? created;
    }

    private static StoredSecret Protect(string key)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new StoredSecret(salt, Hash(salt, key));
    }

    private static byte[] Hash(byte[] salt, string key) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(key)]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
