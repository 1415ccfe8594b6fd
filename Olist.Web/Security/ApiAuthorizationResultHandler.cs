using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Olist.Web.Security;

/// <summary>
/// Answers a refused API, hub, metrics or OpenAPI request with a 401 or 403 problem that says which credential to send;
/// pages keep the default: a redirect to the sign-in page.
/// </summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _pages = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!(authorizeResult.Challenged || authorizeResult.Forbidden) || !ApiPaths.IsApi(context.Request.Path))
        {
            await _pages.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var publisher = policy.Requirements.OfType<RolesAuthorizationRequirement>().Any(r => r.AllowedRoles.Contains(OlistPolicies.PublisherRole));
        var problem = authorizeResult.Challenged
            ? ApiProblems.Problem(
                StatusCodes.Status401Unauthorized,
                publisher
                    ? $"send the publisher key in the {PublisherKey.Header} header"
                    : $"sign in as operator (cookie from {SecurityServices.SignInPath}) or send the {OperatorKey.Header} header")
            : ApiProblems.Problem(StatusCodes.Status403Forbidden, "this needs an operator");
        await problem.ExecuteAsync(context);
    }
}
