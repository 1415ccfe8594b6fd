namespace Olist.Pipeline.Kpis;

/// <summary>Renders a model's query with variables, so a KPI over a date range runs the model's own SQL instead of a second definition.</summary>
public interface IModelQueryRenderer
{
    /// <summary>The DuckDB query of <paramref name="model"/> rendered with <paramref name="vars"/> (such as <c>kpi_from</c>, <c>kpi_to</c>).</summary>
    Task<string> RenderQueryAsync(string model, IReadOnlyDictionary<string, string>? vars, CancellationToken cancellationToken);
}
