using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Olist.Pipeline.Configuration;

namespace Olist.Web.Security;

/// <summary>
/// Operators sign in with a cookie (the /signin page) or send the operator key; viewers are anonymous where allowed.
/// Everything that changes state asks for <see cref="OlistPolicies.Operator"/>. API calls get 401/403, pages a redirect to /signin.
/// </summary>
public static class SecurityServices
{
    /// <summary>Where operators sign in.</summary>
    public const string SignInPath = "/signin";

    /// <summary>Where the sign-out form posts.</summary>
    public const string SignOutPath = "/signout";

    /// <summary>Adds authentication (cookie and operator key), the viewer and operator policies, and the operator's credentials.</summary>
    public static IServiceCollection AddOlistSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddHttpContextAccessor();
        services.TryAddSingleton(sp => new SecretStore(sp.GetRequiredService<DataPaths>().Secrets));
        HashedSecretsStartup.Register<OperatorPassword>(services);
        HashedSecretsStartup.Register<OperatorKey>(services);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = SignInPath;
                options.Cookie.Name = "olist.operator";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, OperatorKeyAuthentication>(OperatorKeyAuthentication.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, ViewerRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(OlistPolicies.Operator, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, OperatorKeyAuthentication.SchemeName)
                .RequireRole(OlistPolicies.OperatorRole))
            .AddPolicy(OlistPolicies.Viewer, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, OperatorKeyAuthentication.SchemeName)
                .AddRequirements(new ViewerRequirement()));
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
        endpoints.MapPost(SignOutPath, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // A form post from another site must not sign the operator out: the token proves it came from our page.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest(new { error = "the sign-out form's anti-forgery token is missing or wrong" });
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).DisableAntiforgery();
        return endpoints;
    }

    private static async Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !context.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        // A body of its own, so the status code pages leave the API's answer alone.
        context.Response.StatusCode = statusCode;
        await context.Response.WriteAsJsonAsync(new
        {
            error = statusCode == StatusCodes.Status401Unauthorized
                ? $"sign in as operator (cookie from {SignInPath}) or send the {OperatorKey.Header} header"
                : "this needs an operator",
        });
    }
}
