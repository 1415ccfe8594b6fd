namespace Olist.Pipeline.Kpis;

/// <summary>
/// Reads the KPI models of the catalog. A date range renders the same model with the vars <c>kpi_from</c> and
/// <c>kpi_to</c> and runs it as a query, so a range never has a second definition. Options are whitelisted values passed
/// as parameters; relation and column names come from the checked YAML only, and each value is read by its column's name
/// as the YAML types it. The warehouse is read through <see cref="IKpiReader"/> (DuckDB's <c>kpis</c> schema, or BigQuery's
/// dataset by parameterised jobs.query). Rows are kept per request until the next build (<see cref="KpiResultCache"/>); at most
/// <see cref="IKpiReader.MaxConcurrentQueries"/> queries run at once and the others wait their turn.
/// </summary>
public sealed class KpiService(IKpiReader reader, IModelQueryRenderer renderer, KpiCatalog catalog) : IKpiService, IDisposable
{
    private readonly KpiResultCache _cache = new();
    private readonly SemaphoreSlim _running = new(reader.MaxConcurrentQueries);

    public KpiCatalog Catalog => catalog;

    public Task<IReadOnlyList<KpiRow>> ReadAsync(KpiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var range = request.Range;
        var parameters = request.Parameters;
        var key = string.Join('|', [request.Kpi.Model, $"{range.From:yyyy-MM-dd}", $"{range.To:yyyy-MM-dd}", .. parameters.Select(p => $"{p.Name}={p.Value}")]);
        return _cache.GetOrAddAsync(reader.Warehouse.ModelsVersion, key, () => ReadInTurnAsync(request.Kpi, range, parameters, cancellationToken), cancellationToken);
    }

    public void Dispose() => _running.Dispose();

    private async Task<IReadOnlyList<KpiRow>> ReadInTurnAsync(
        KpiDefinition kpi, DateRange range, IReadOnlyList<KpiParameter> parameters, CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            return await ReadRowsAsync(kpi, range, parameters, cancellationToken);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<IReadOnlyList<KpiRow>> ReadRowsAsync(
        KpiDefinition kpi, DateRange range, IReadOnlyList<KpiParameter> parameters, CancellationToken cancellationToken)
    {
        var relation = await RelationAsync(kpi, range, cancellationToken);
        return await reader.ReadAsync(
            kpi.Model,
            kpi.Sql(relation, reader.ParameterMarker),
            parameters,
            (rows, token) => KpiRowTable.ReadAsync(kpi, rows, token),
            cancellationToken);
    }

    /// <summary>The built table for every order; for a range, the model's own query rendered with the range's vars.</summary>
    private async Task<string> RelationAsync(KpiDefinition kpi, DateRange range, CancellationToken cancellationToken)
    {
        if (range.From is null && range.To is null)
        {
            return reader.Relation(kpi.Model);
        }

        return kpi.RangeRelation(await renderer.RenderQueryAsync(kpi.Model, RangeVars(range), cancellationToken));
    }

    /// <summary>The vars <c>kpi_from</c> and <c>kpi_to</c> a KPI model is rendered with for <paramref name="range"/>.</summary>
    internal static Dictionary<string, string> RangeVars(DateRange range)
    {
        if (range.From > range.To)
        {
            throw new ArgumentException($"The range starts ({range.From:yyyy-MM-dd}) after it ends ({range.To:yyyy-MM-dd}).", nameof(range));
        }

        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (range.From is { } from)
        {
            vars["kpi_from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (range.To is { } to)
        {
            vars["kpi_to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return vars;
    }
}
