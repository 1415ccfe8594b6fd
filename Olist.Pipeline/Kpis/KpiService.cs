using System.Data.Common;
using System.Globalization;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// Reads the <c>kpi_*</c> tables of the warehouse (<see cref="IKpiReader"/>: DuckDB's <c>kpis</c> schema, or BigQuery's
/// dataset by parameterised jobs.query). A date range renders the same model with the vars <c>kpi_from</c> and
/// <c>kpi_to</c> and runs it as a query, so a range never has a second definition. Options are whitelisted enums
/// passed as parameters; relation names come from this class only. Rows are kept per request until the next build
/// (<see cref="KpiResultCache"/>); at most <see cref="WarehouseOptions.MaxConcurrentQueries"/> queries run at once and
/// the others wait their turn.
/// </summary>
public sealed class KpiService(IKpiReader reader, IModelQueryRenderer renderer) : IKpiService, IDisposable
{
    private readonly KpiResultCache _cache = new();
    private readonly SemaphoreSlim _running = new(reader.MaxConcurrentQueries);

    public Task<IReadOnlyList<CustomerGrowthRow>> CustomerGrowthAsync(DateRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            KpiQueries.CustomerGrowth,
            range,
            [],
            r => new CustomerGrowthRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), NullableDouble(r, 4)),
            cancellationToken);

    public Task<IReadOnlyList<TopProductRow>> TopProductsAsync(TimeGrain grain, int top, DateRange range, CancellationToken cancellationToken)
    {
        Allow(grain, "top-products", TimeGrain.Day, TimeGrain.Month, TimeGrain.Year);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        return QueryAsync(
            KpiQueries.TopProducts,
            range,
            [Parameter("grain", Label(grain)), Parameter("top", top)],
            r => new TopProductRow(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetDecimal(5)),
            cancellationToken);
    }

    public Task<IReadOnlyList<SellerSalesRow>> SellerSalesAsync(DateRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            KpiQueries.SellerSales,
            range,
            [],
            r => new SellerSalesRow(
                r.GetInt32(0),
                r.GetString(1),
                NullableString(r, 2),
                NullableString(r, 3),
                r.GetInt64(4),
                r.GetInt64(5),
                r.GetDecimal(6),
                NullableString(r, 7) ?? string.Empty,
                r.IsDBNull(8) ? 0 : r.GetInt64(8)),
            cancellationToken);

    public Task<IReadOnlyList<SalesTrendRow>> SalesTrendsAsync(TimeGrain grain, DateRange range, CancellationToken cancellationToken)
    {
        Allow(grain, "sales-trends", TimeGrain.Day, TimeGrain.Week, TimeGrain.Month);
        return QueryAsync(
            KpiQueries.SalesTrends,
            range,
            [Parameter("grain", Label(grain))],
            r => new SalesTrendRow(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(4), NullableDouble(r, 5)),
            cancellationToken);
    }

    public Task<IReadOnlyList<DeliveryTimeRow>> DeliveryTimesAsync(DateRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            KpiQueries.DeliveryTimes,
            range,
            [],
            r => new DeliveryTimeRow(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetBoolean(6)),
            cancellationToken);

    public Task<IReadOnlyList<OrderValueRow>> OrderValueAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            KpiQueries.OrderValue,
            range,
            [Parameter("level", Label(level))],
            r => new OrderValueRow(NullableString(r, 0) ?? string.Empty, NullableString(r, 1), r.GetInt64(2), r.GetDecimal(3), r.GetDouble(4)),
            cancellationToken);

    public Task<IReadOnlyList<PurchaseFrequencyRow>> PurchaseFrequencyAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            KpiQueries.PurchaseFrequency,
            range,
            [Parameter("level", Label(level))],
            r => new PurchaseFrequencyRow(NullableString(r, 0) ?? string.Empty, NullableString(r, 1), r.GetInt64(2), r.GetInt64(3), r.GetDouble(4)),
            cancellationToken);

    public Task<IReadOnlyList<RetentionRow>> RetentionAsync(DateRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            KpiQueries.Retention,
            range,
            [],
            r => new RetentionRow(r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3), r.GetDouble(4)),
            cancellationToken);

    public Task<IReadOnlyList<SatisfactionRow>> SatisfactionAsync(DateRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            KpiQueries.Satisfaction,
            range,
            [],
            r => new SatisfactionRow(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3)),
            cancellationToken);

    /// <summary>The lower-case label a grain has in the KPI tables and in metrics.md.</summary>
    public static string Label(TimeGrain grain) => grain.ToString().ToLowerInvariant();

    /// <summary>The lower-case label a level has in the KPI tables and in metrics.md.</summary>
    public static string Label(LocationLevel level) => level.ToString().ToLowerInvariant();

    public void Dispose() => _running.Dispose();

    private Task<IReadOnlyList<T>> QueryAsync<T>(
        KpiQuery query, DateRange range, IReadOnlyList<KpiParameter> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var key = string.Join('|', [query.Model, $"{range.From:yyyy-MM-dd}", $"{range.To:yyyy-MM-dd}", .. parameters.Select(p => $"{p.Name}={p.Value}")]);
        return _cache.GetOrAddAsync(reader.Warehouse.ModelsVersion, key, () => ReadInTurnAsync(query, range, parameters, map, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ReadInTurnAsync<T>(
        KpiQuery query, DateRange range, IReadOnlyList<KpiParameter> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            return await ReadAsync(query, range, parameters, map, cancellationToken);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(
        KpiQuery query, DateRange range, IReadOnlyList<KpiParameter> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var relation = await RelationAsync(query, range, cancellationToken);
        return await reader.ReadAsync(query.Model, query.Sql(relation, reader.ParameterMarker), parameters, map, cancellationToken);
    }

    /// <summary>The built table for every order; for a range, the model's own query rendered with the range's vars.</summary>
    private async Task<string> RelationAsync(KpiQuery query, DateRange range, CancellationToken cancellationToken)
    {
        if (range.From is null && range.To is null)
        {
            return reader.Relation(query.Model);
        }

        return query.RangeRelation(await renderer.RenderQueryAsync(query.Model, RangeVars(range), cancellationToken));
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

    private static void Allow(TimeGrain grain, string kpi, params TimeGrain[] allowed)
    {
        if (!allowed.Contains(grain))
        {
            throw new ArgumentOutOfRangeException(
                nameof(grain), grain, $"{kpi} takes grain {string.Join(", ", allowed.Select(Label))}.");
        }
    }

    private static KpiParameter Parameter(string name, object value) => new(name, value);

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
