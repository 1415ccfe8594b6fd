namespace Olist.Web.Security;

/// <summary>
/// Headers that make browsers refuse to guess content types, leak addresses or frame the app, and a Content Security
/// Policy: scripts only from this origin (and a per-response nonce where a page needs an inline script), no plugins,
/// no framing, forms and connections (the Blazor and SignalR WebSockets included) only to this origin.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Styles may be inline: MudBlazor renders style attributes (positions, colours, sizes) and ApexCharts and the Blazor
    /// reconnect dialog add style elements at run time. Scripts may not; nothing needs <c>unsafe-eval</c>.
    /// </summary>
    private const string StyleAndRest =
        "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string NonceKey = "olist.csp-nonce";

    /// <summary>Adds the headers to every response, errors and static files included.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                var nonce = context.Items.TryGetValue(NonceKey, out var value) ? $" 'nonce-{value}'" : "";
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'" + nonce + StyleAndRest;
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>A fresh nonce for this response's inline scripts, allowed by its policy.</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }
}
