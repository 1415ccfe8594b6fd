using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Olist.Web.Security;

/// <summary>Signs in automation that sends the operator API key in <c>X-Operator-Key</c>; requests without the header are left to the cookie.</summary>
public sealed class OperatorKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorKey key)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "OperatorKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(OperatorKey.Header, out var presented))
        {
            return AuthenticateResult.NoResult();
        }

        if (!await key.IsValidAsync(presented))
        {
            return AuthenticateResult.Fail($"the {OperatorKey.Header} header does not hold the operator key");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator-key"), new Claim(ClaimTypes.Role, OlistPolicies.OperatorRole)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // The cookie scheme answers challenges and refusals (401/403 for the API, a redirect for pages); this one stays quiet.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Task.CompletedTask;

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Task.CompletedTask;
}
