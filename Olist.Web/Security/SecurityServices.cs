using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Olist.Web.Security;

/// <summary>
/// Operators sign in with a cookie (the /signin page) or send the operator key; publishers send theirs; viewers are
/// anonymous where allowed. Everything that changes state asks for <see cref="OlistPolicies.Operator"/>. API calls get
/// 401/403 problems, pages a redirect to /signin.
/// </summary>
public static class SecurityServices
{
    /// <summary>Where operators sign in.</summary>
    public const string SignInPath = "/signin";

    /// <summary>Where the sign-out form posts.</summary>
    public const string SignOutPath = "/signout";

    /// <summary>
    /// Adds authentication (cookie, operator key, publisher key), the policies, and the operator's credentials. The
    /// viewer policy is the fallback: every endpoint needs a viewer unless it asks for more or is anonymous on purpose.
    /// </summary>
    public static IServiceCollection AddOlistSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddHttpContextAccessor();
        HashedSecretsStartup.Register<OperatorPassword>(services);
        HashedSecretsStartup.Register<OperatorKey>(services);
        services.AddOlistRateLimits(configuration);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = SignInPath;
                options.Cookie.Name = "olist.operator";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthentication>(ApiKeyAuthentication.OperatorScheme, options =>
            {
                options.Header = OperatorKey.Header;
                options.Role = OlistPolicies.OperatorRole;
                options.Secret = typeof(OperatorKey);
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthentication>(ApiKeyAuthentication.PublisherScheme, options =>
            {
                options.Header = PublisherKey.Header;
                options.Role = OlistPolicies.PublisherRole;
                options.Secret = typeof(PublisherKey);
            });
        services.AddSingleton<IAuthorizationHandler, ViewerRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        var viewer = new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme, ApiKeyAuthentication.OperatorScheme)
            .AddRequirements(new ViewerRequirement())
            .Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(OlistPolicies.Operator, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, ApiKeyAuthentication.OperatorScheme)
                .RequireRole(OlistPolicies.OperatorRole))
            .AddPolicy(OlistPolicies.Viewer, viewer)
            .AddPolicy(OlistPolicies.Publisher, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthentication.PublisherScheme)
                .RequireRole(OlistPolicies.PublisherRole))
            .SetFallbackPolicy(viewer);
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>The signed-in operator, as the cookie carries it.</summary>
    public static ClaimsPrincipal OperatorPrincipal() =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, OperatorPassword.UserName), new Claim(ClaimTypes.Role, OlistPolicies.OperatorRole)],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>Maps <c>POST /signout</c>, a form post that needs the anti-forgery token.</summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignOutPath, async Task<Results<RedirectHttpResult, ProblemHttpResult>> (HttpContext context, IAntiforgery antiforgery) =>
        {
            // A form post from another site must not sign the operator out: the token proves it came from our page.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, "the sign-out form's anti-forgery token is missing or wrong");
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/");
        })
            .DisableAntiforgery()
            .WithTags("Operators")
            .WithSummary("Signs the operator out (the form of the app's pages, with its anti-forgery token)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }
}
