namespace Olist.Web.Security;

/// <summary>
/// The operator account's password: <c>Olist:Auth:OperatorPassword</c>, else a random one created at first start and
/// printed once. People choose passwords, so it is kept as a slow salted hash (PBKDF2-SHA256, 210,000 iterations).
/// </summary>
public sealed class OperatorPassword(SecretStore store, IOptions<AuthOptions> options, TimeProvider timeProvider)
    : HashedSecret(store, SecretName, options.Value.OperatorPassword, $"Operator password (sign in at /signin as '{UserName}')", timeProvider)
{
    /// <summary>The name of the operator password in the secret store.</summary>
    public const string SecretName = "operator_password";

    /// <summary>The one operator account's user name.</summary>
    public const string UserName = "operator";

    private const int Iterations = 210_000;

    protected override byte[] Hash(byte[] salt, string secret) => Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA256, 32);

    protected override string Create() => Base64Url(RandomNumberGenerator.GetBytes(15));
}
