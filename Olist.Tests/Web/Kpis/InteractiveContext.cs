using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Ingestion;
using Olist.Web.FirstRun;

namespace Olist.Tests.Web.Kpis;

/// <summary>Sets up a bUnit context like a live circuit after the first run: MudBlazor, ready data, an interactive renderer.</summary>
internal static class InteractiveContext
{
    /// <summary>Adds MudBlazor and a ready data status, then <paramref name="services"/>, then makes the renderer interactive.</summary>
    public static void Prepare(BunitContext context, Action<IServiceCollection> services)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var state = new DataPreparationState(TimeProvider.System);
        state.Report(DataStatus.Ready([.. OlistCatalog.Tables.Select(t => new SourceTableStatus(t.Name, t.FileName, 1, 0, null, []))]));
        context.Services.AddSingleton(state);
        services(context.Services);
        // The KPI components load only once interactive, as in the browser after prerendering; set last, as it builds the renderer.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
