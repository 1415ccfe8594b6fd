using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace Olist.Web.Security;

/// <summary>Which header carries a key, which stored secret it must match, and the role it grants.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The request header holding the key.</summary>
    public string Header { get; set; } = "";

    /// <summary>The role a caller with the right key gets.</summary>
    public string Role { get; set; } = "";

    /// <summary>The <see cref="HashedSecret"/> service the key is checked against.</summary>
    public Type? Secret { get; set; }
}

/// <summary>
/// Signs in automation that sends a key header (the operator key, the publisher key); requests without the header are
/// left to the other schemes. A wrong key counts towards the caller's lockout. Refusals are answered by
/// <see cref="ApiAuthorizationResultHandler"/>, so this scheme never writes a challenge itself.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, CredentialLockout lockout)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>The scheme of the operator key (<see cref="OperatorKey.Header"/>).</summary>
    public const string OperatorScheme = "OperatorKey";

    /// <summary>The scheme of the publisher key (<see cref="PublisherKey.Header"/>).</summary>
    public const string PublisherScheme = "PublisherKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Options.Header, out var presented))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = (HashedSecret)Context.RequestServices.GetRequiredService(Options.Secret!);
        if (!await secret.IsValidAsync(presented))
        {
            lockout.RecordFailure(Context, Options.Header);
            return AuthenticateResult.Fail($"the {Options.Header} header does not hold the key");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Scheme.Name), new Claim(ClaimTypes.Role, Options.Role)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Task.CompletedTask;

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Task.CompletedTask;
}
