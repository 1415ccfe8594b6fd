namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>The warehouses a project's SQL is rendered for.</summary>
public enum TargetWarehouse
{
    /// <summary>The embedded DuckDB warehouse the engine runs against.</summary>
    DuckDb,

    /// <summary>Google BigQuery standard SQL, compiled only.</summary>
    BigQuery,
}
