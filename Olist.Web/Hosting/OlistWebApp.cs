using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Olist.Pipeline.Hosting;
using Olist.Web.Components;
using Olist.Web.Hubs;
using Olist.Web.Observability;
using Olist.Web.Orchestration;

namespace Olist.Web.Hosting;

/// <summary>Builds and runs the web app: the Blazor UI, the HTTP API and the background services.</summary>
public static class OlistWebApp
{
    /// <summary>Builds the app from command-line arguments (such as <c>--urls</c>) and configuration.</summary>
    public static WebApplication Build(string[] args) => Build(args, configure: null);

    /// <summary>Builds the app, letting <paramref name="configure"/> add to the builder last (tests add their own middleware).</summary>
    internal static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(OlistWebApp).Assembly.GetName().Name,
            // appsettings.json and the static web assets manifests sit beside the assembly, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Serves wwwroot and the packages' _content files from a build output in every environment, not only
        // Development; a published app has no such manifest and serves its copied wwwroot instead.
        builder.WebHost.UseStaticWebAssets();

        // A start that fails (such as on a taken port) is reported once, in one line, by RunAsync; the host's own
        // error entry would add the whole stack trace. Its critical entries (a background service that crashed) stay.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        builder.AllowBoundHostsOnly();
        builder.Services.AddOlistPipeline(builder.Configuration);
        builder.Services.AddOlistWeb(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseSecurityHeaders();
        // In every environment: the developer exception page would show stack traces to API callers.
        app.UseApiErrors();
        // A locked-out address is refused before it spends the rate limiter's tokens or a key check.
        CredentialLockout.UseCredentialLockout(app);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Stylesheets and scripts are public files the sign-in page needs before anyone has signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapKpiEndpoints();
        app.MapEventEndpoints();
        app.MapDeadLetterEndpoints();
        app.MapHub<LiveOrdersHub>(LiveOrdersHub.Path).RequireAuthorization(OlistPolicies.Viewer);
        app.MapOrchestration();
        app.MapOlistObservability(app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(OlistPolicies.Viewer);
        return app;
    }

    /// <summary>Runs the app until it is stopped; a taken port is a <see cref="PipelineException"/> saying so in one line.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = Build(args);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stopped, not only disposed: the background services then end as on any shutdown instead of being logged as failed.
            await app.StopAsync(CancellationToken.None);
            if (ex is IOException { InnerException: AddressInUseException })
            {
                var urls = app.Configuration[WebHostDefaults.ServerUrlsKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                throw new PipelineException(AddressInUse(urls, ex.Message), ex);
            }

            throw;
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>Which address was taken (Kestrel names it in its message) and what to do about it.</summary>
    private static string AddressInUse(string[] urls, string bindError)
    {
        var url = urls.FirstOrDefault(u => bindError.Contains(u, StringComparison.OrdinalIgnoreCase)) ?? urls.FirstOrDefault();
        if (url is null)
        {
            return $"{bindError.TrimEnd('.')}; stop the other process or pass --urls with another port.";
        }

        var taken = BindingAddress.Parse(url);
        return $"port {taken.Port} is already in use ({url}); stop the other process or pass another port, such as --urls {taken.Scheme}://{taken.Host}:{taken.Port + 1}.";
    }

    /// <summary>The address the started app listens on, with the real port when it was asked for port 0.</summary>
    public static Uri ListeningAddress(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return new Uri(address ?? throw new InvalidOperationException("The app is not listening yet; start it first."));
    }
}
