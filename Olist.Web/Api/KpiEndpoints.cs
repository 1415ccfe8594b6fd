using Olist.Pipeline.Errors;
using Olist.Pipeline.Kpis;
using Olist.Web.Kpis;

namespace Olist.Web.Api;

/// <summary>
/// <c>GET /api/kpis</c> lists the KPIs and their options; <c>GET /api/kpis/{name}?grain=&amp;level=&amp;top=&amp;from=&amp;to=</c>
/// returns the rows of <c>kpi NAME --format json</c>. Bad input is a 400 problem listing the allowed values.
/// </summary>
public static class KpiEndpoints
{
    private static readonly string[] QueryOptions = ["grain", "level", "top", "from", "to"];

    /// <summary>Maps the KPI endpoints; the service is the registered <see cref="IKpiService"/>, else one over the app's warehouse.</summary>
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var service = new Lazy<IKpiService>(() => KpiServiceFactory.Create(endpoints.ServiceProvider));
        var group = endpoints.MapGroup("/api/kpis");
        group.MapGet("/", () => Results.Json(
            KpiCatalog.All.Select(k => new KpiListing(k.Name, k.Title, k.Definition, k.Options, KpiCatalog.Columns(k.RowType))),
            KpiOutput.JsonOptions));
        group.MapGet("/{name}", async (string name, HttpRequest request, CancellationToken cancellationToken) =>
        {
            try
            {
                var unknown = request.Query.Keys.FirstOrDefault(k => !QueryOptions.Contains(k, StringComparer.OrdinalIgnoreCase));
                if (unknown is not null)
                {
                    throw new KpiRequestException(unknown, $"unknown option '{unknown}'", QueryOptions);
                }

                var kpiRequest = KpiCatalog.Parse(name, QueryOptions.ToDictionary(o => o, o => (string?)request.Query[o].ToString()));
                var result = await KpiCatalog.RunAsync(service.Value, kpiRequest, cancellationToken);
                return Results.Json(result.Rows, KpiOutput.JsonOptions);
            }
            catch (KpiRequestException ex)
            {
                return Results.Problem(
                    title: "Invalid KPI request",
                    detail: ex.Message,
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["option"] = ex.Option, ["allowed"] = ex.Allowed });
            }
            catch (PipelineException ex)
            {
                return Results.Problem(title: "KPI not available", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return endpoints;
    }

    /// <summary>One KPI in the listing: its name, title, definition, options and columns.</summary>
    public sealed record KpiListing(string Name, string Title, string Definition, IReadOnlyList<string> Options, IReadOnlyList<string> Columns);
}
