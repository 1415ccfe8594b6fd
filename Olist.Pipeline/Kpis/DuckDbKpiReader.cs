using DuckDB.NET.Data;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// The KPI models in the embedded DuckDB warehouse, schema <c>kpis</c>, read on threads of their own
/// (<see cref="QueryThreads"/>, one per query that may run at once) instead of the thread pool the web server needs.
/// </summary>
public sealed class DuckDbKpiReader(DuckDbWarehouse warehouse) : IKpiReader, IDisposable
{
    private const string Schema = "kpis";
    private readonly QueryThreads _threads = new(warehouse.Options.MaxConcurrentQueries, "KPI query");

    public IWarehouse Warehouse => warehouse;

    public int MaxConcurrentQueries => warehouse.Options.MaxConcurrentQueries;

    public string ParameterMarker => "$";

    public string Relation(string model) => $"{Schema}.{model}";

    public Task<T> ReadAsync<T>(string model, string sql, IReadOnlyList<KpiParameter> parameters, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        _threads.RunAsync(() => ReadHereAsync(model, sql, parameters, read, cancellationToken), cancellationToken);

    public void Dispose() => _threads.Dispose();

    private async Task<T> ReadHereAsync<T>(string model, string sql, IReadOnlyList<KpiParameter> parameters, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter.Name, parameter.Value));
        }

        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        catch (DuckDBException ex) when (ex.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            throw new PipelineException($"The KPI table {Relation(model)} is missing from {warehouse.DatabasePath}: run 'build' first.", ex);
        }
    }
}
