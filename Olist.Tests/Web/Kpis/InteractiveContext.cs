using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;

namespace Olist.Tests.Web.Kpis;

/// <summary>Sets up a bUnit context like a live circuit after the first run: MudBlazor, the pipeline over an opened workspace, an interactive renderer.</summary>
internal static class InteractiveContext
{
    /// <summary>
    /// Adds MudBlazor and the pipeline over <paramref name="dataDirectory"/>, then <paramref name="services"/> (which replace
    /// the pipeline's, such as a fake KPI service), opens the workspace, then makes the renderer interactive.
    /// </summary>
    public static async Task PrepareAsync(BunitContext context, string dataDirectory, Action<IServiceCollection> services)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLogging();
        context.Services.AddOlistPipeline(new ConfigurationBuilder().AddInMemoryCollection([new("Olist:DataDirectory", dataDirectory)]).Build());
        services(context.Services);
        await context.Services.GetRequiredService<DataWorkspace>().OpenAsync(
            [.. OlistCatalog.Tables.Select(t => new SourceTableStatus(t.Name, t.FileName, 1, 0, null, []))], CancellationToken.None);
        // The KPI components load only once interactive, as in the browser after prerendering; set last, as it builds the renderer.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
