using System.Text;

namespace Olist.Web.Security;

/// <summary>
/// The publisher API key: the configured one, else the one created at first start. Only a salted SHA-256 hash is kept
/// (the key is 256 random bits, so a slow hash buys nothing and would slow every ingestion request); presented keys
/// are compared in constant time. A created key is written to the console once, never to a log.
/// </summary>
public sealed class PublisherKey(SecretStore store, IOptions<AuthOptions> options, TimeProvider timeProvider)
    : HashedSecret(store, SecretName, options.Value.PublisherApiKey, "Publisher API key", timeProvider)
{
    /// <summary>The name of the publisher key in the secret store.</summary>
    public const string SecretName = "publisher_api_key";

    /// <summary>The header publishers send the key in.</summary>
    public const string Header = "X-Api-Key";

    protected override byte[] Hash(byte[] salt, string secret) => Sha256(salt, secret);

    /// <summary>Salted SHA-256, for keys of 256 random bits.</summary>
    internal static byte[] Sha256(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);
}
