using Olist.Web.Kpis;

namespace Olist.Web.Api;

/// <summary>
/// <c>GET /api/kpis</c> lists the KPIs and their options; <c>GET /api/kpis/{name}?grain=&amp;level=&amp;top=&amp;from=&amp;to=</c>
/// returns the rows of <c>kpi NAME --format json</c>. Bad input is a 400 problem listing the allowed values; an answer
/// over <see cref="ApiOptions.MaxKpiRows"/> rows is a 400 problem saying how to narrow it.
/// </summary>
public static class KpiEndpoints
{
    private static readonly string[] QueryOptions = ["grain", "level", "top", "from", "to"];

    /// <summary>Maps the KPI endpoints over the registered <see cref="IKpiService"/>.</summary>
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/kpis").WithTags("KPIs");
        group.MapGet("/", (KpiCatalog catalog) => TypedResults.Ok(catalog.All.Select(k => new KpiListing(k.Name, k.Title, k.Definition, k.Options, k.ColumnNames))))
            .WithSummary("The KPIs of the analytics project: name, title, definition, options and columns, from the models' YAML");
        group.MapGet("/{name}", RowsAsync)
            .RequireReadyData()
            .WithSummary("The rows of one KPI, as `kpi NAME --format json` prints them")
            .WithDescription("Query: grain (day, week, month, year, where the KPI has one), level (state, city), top (1 to 1000), from and to (YYYY-MM-DD). "
                + "Columns per KPI: GET /api/kpis and the schemas KpiRow.{name}. An answer over Olist:Api:MaxKpiRows rows is refused; narrow the range, take a coarser grain or a smaller top.")
            .Produces<IReadOnlyList<IReadOnlyDictionary<string, object>>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<IReadOnlyList<KpiRow>>, ProblemHttpResult>> RowsAsync(
        string name, HttpRequest request, IKpiService service, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        try
        {
            var unknown = request.Query.Keys.FirstOrDefault(k => !QueryOptions.Contains(k, StringComparer.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                throw new KpiRequestException(unknown, $"unknown option '{unknown}'", QueryOptions);
            }

            var kpiRequest = service.Catalog.Parse(name, QueryOptions.ToDictionary(o => o, o => (string?)request.Query[o].ToString()));
            var result = await service.ResultAsync(kpiRequest, cancellationToken);
            var maxRows = options.Value.MaxKpiRows;
            if (result.Rows.Count > maxRows)
            {
                return ApiProblems.BadRequest(
                    string.Create(CultureInfo.InvariantCulture, $"the answer has {result.Rows.Count:N0} rows, over the limit of {maxRows:N0}: narrow from/to, take a coarser grain or a smaller top"),
                    new Dictionary<string, object?> { ["rows"] = result.Rows.Count, ["max_rows"] = maxRows });
            }

            return TypedResults.Json(result.Rows, KpiOutput.JsonOptions);
        }
        catch (KpiRequestException ex)
        {
            return ApiProblems.BadRequest(ex.Message, new Dictionary<string, object?> { ["option"] = ex.Option, ["allowed"] = ex.Allowed });
        }
        catch (PipelineException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
    }

    /// <summary>One KPI in the listing: its name, title, definition, options and columns.</summary>
    public sealed record KpiListing(string Name, string Title, string Definition, IReadOnlyList<string> Options, IReadOnlyList<string> Columns);
}
