namespace Olist.Web.Security;

/// <summary>The operators' API key for automation (header <c>X-Operator-Key</c>), kept like the publisher key: configured, or created once and stored hashed.</summary>
public sealed class OperatorKey(SecretStore store, IOptions<AuthOptions> options, TimeProvider timeProvider)
    : HashedSecret(store, SecretName, options.Value.OperatorApiKey, "Operator API key (header X-Operator-Key)", timeProvider)
{
    /// <summary>The name of the operator key in the secret store.</summary>
    public const string SecretName = "operator_api_key";

    /// <summary>The header automation sends the key in.</summary>
    public const string Header = "X-Operator-Key";

    protected override byte[] Hash(byte[] salt, string secret) => PublisherKey.Sha256(salt, secret);
}
