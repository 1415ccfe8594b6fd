namespace Olist.Tests.Web;

/// <summary>Ends a real app a test started.</summary>
internal static class StartedApp
{
    /// <summary>Stops <paramref name="app"/> gracefully and disposes it; nothing when the test never built one.</summary>
    public static async Task StopAndDisposeAsync(this WebApplication? app)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
