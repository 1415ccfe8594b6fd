using Olist.Pipeline.Kpis;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// The KPI models in the BigQuery warehouse's dataset, read by jobs.query with typed named parameters (<c>@grain</c>,
/// <c>@top</c>): the options never enter the SQL text.
/// </summary>
public sealed class BigQueryKpiReader(BigQueryWarehouse warehouse) : IKpiReader
{
    public IWarehouse Warehouse => warehouse;

    /// <summary>Each read is one job BigQuery runs on its own slots; the limit only keeps a burst of page loads from queueing dozens of jobs.</summary>
    public int MaxConcurrentQueries => 4;

    public string ParameterMarker => "@";

    public string Relation(string model) => warehouse.Relation(model);

    public async Task<T> ReadAsync<T>(string model, string sql, IReadOnlyList<KpiParameter> parameters, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(read);
        var client = await warehouse.ClientAsync(cancellationToken);
        BigQueryResult result;
        try
        {
            result = await client.QueryAsync(sql, [.. parameters.Select(Typed)], queryOptions: null, cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.Reason == "notFound")
        {
            throw new PipelineException($"The KPI table {Relation(model)} is missing from BigQuery {warehouse.Location}: run 'build' first.", ex);
        }
        catch (GoogleApiException ex)
        {
            throw new PipelineException($"BigQuery could not read {Relation(model)}: {ex.Message}", ex);
        }

        await using var reader = new BigQueryDataReader(result);
        return await read(reader, cancellationToken);
    }

    private static BigQueryParameter Typed(KpiParameter parameter) => parameter.Value switch
    {
        string text => BigQueryParameter.OfString(parameter.Name, text),
        int or long or short => BigQueryParameter.OfInt64(parameter.Name, Convert.ToInt64(parameter.Value, CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"KPI parameter {parameter.Name} is a {parameter.Value.GetType().Name}; only text and integers are passed.", nameof(parameter)),
    };
}
