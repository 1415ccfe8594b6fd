using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// Where the KPI service reads the <c>kpi_*</c> models: the warehouse (whose models' version keys the cache), how its SQL
/// names a model and marks a parameter, and the read itself, rows handed over as a <see cref="DbDataReader"/>.
/// </summary>
public interface IKpiReader
{
    /// <summary>The warehouse the KPI models live in.</summary>
    IWarehouse Warehouse { get; }

    /// <summary>KPI queries run at once; more wait their turn.</summary>
    int MaxConcurrentQueries { get; }

    /// <summary>What precedes a parameter's name in the SQL: <c>$</c> on DuckDB, <c>@</c> on BigQuery.</summary>
    string ParameterMarker { get; }

    /// <summary>The built table of a KPI model, as this warehouse's SQL names it.</summary>
    string Relation(string model);

    /// <summary>Runs <paramref name="sql"/> (a read of <paramref name="model"/>) with <paramref name="parameters"/> and hands its rows to <paramref name="read"/>; a missing KPI table says to run build.</summary>
    Task<T> ReadAsync<T>(string model, string sql, IReadOnlyList<KpiParameter> parameters, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken);
}

/// <summary>A query parameter of a KPI read: a whitelisted option as text or a number, never spliced into the SQL.</summary>
public sealed record KpiParameter(string Name, object Value);
