namespace Olist.Pipeline.Kpis;

/// <summary>Reads the rows of any KPI of the catalog, shared by the <c>kpi</c> verb, the HTTP API and the dashboards.</summary>
public interface IKpiService
{
    /// <summary>The KPIs it serves, as the models' YAML describes them.</summary>
    KpiCatalog Catalog { get; }

    /// <summary>The rows of <paramref name="request"/>, in the KPI's order, with the KPI's columns.</summary>
    Task<IReadOnlyList<KpiRow>> ReadAsync(KpiRequest request, CancellationToken cancellationToken);
}

/// <summary>A KPI's rows with its column names, as the verb, the API and the downloads write them.</summary>
public static class KpiResults
{
    /// <summary>Reads <paramref name="request"/> and returns its rows with the column names of the KPI's YAML.</summary>
    public static async Task<KpiResult> ResultAsync(this IKpiService service, KpiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(request);
        return new KpiResult(request.Kpi.Name, request.Kpi.ColumnNames, await service.ReadAsync(request, cancellationToken));
    }
}
