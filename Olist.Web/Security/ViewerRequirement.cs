namespace Olist.Web.Security;

/// <summary>Met by an operator, or by an anonymous visitor when <c>Olist:Auth:AnonymousViewers</c> lets them in (by default: from this machine).</summary>
public sealed class ViewerRequirement : IAuthorizationRequirement;

/// <summary>Decides <see cref="ViewerRequirement"/> from the signed-in user and the request's remote address.</summary>
public sealed class ViewerRequirementHandler(IHttpContextAccessor http, IOptions<AuthOptions> options) : AuthorizationHandler<ViewerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ViewerRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var anonymousAllowed = options.Value.AnonymousViewers switch
        {
            AnonymousViewers.Anyone => true,
            AnonymousViewers.Loopback => http.HttpContext?.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address),
            _ => false,
        };
        if (anonymousAllowed || context.User.IsInRole(OlistPolicies.OperatorRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
