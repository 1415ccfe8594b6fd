namespace Olist.Web.Hosting;

/// <summary>Builds and runs the web app: the Blazor UI, the HTTP API and the background services.</summary>
public static class OlistWebApp
{
    /// <summary>Builds the app from command-line arguments (such as <c>--urls</c>) and configuration.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(OlistWebApp).Assembly.GetName().Name,
        });
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }

    /// <summary>Runs the app until it is stopped.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = Build(args);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
