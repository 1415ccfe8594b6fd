namespace Olist.Pipeline.Transform.Project;

/// <summary>A model's configuration: project folder defaults overlaid with the model's own YAML <c>config</c>.</summary>
/// <param name="Materialized">How the model is stored.</param>
/// <param name="Schema">The DuckDB schema of the model's relation (its folder's schema by default).</param>
/// <param name="IncrementalKey">The day column replaced per run of an incremental model.</param>
/// <param name="WriteAuditPublish">Whether new rows are tested in the <c>audit</c> schema before they are published.</param>
/// <param name="Tags">Tags for selection with <c>tag:x</c>.</param>
public sealed record ModelConfig(
    Materialized Materialized, string Schema, string? IncrementalKey, bool WriteAuditPublish, IReadOnlyList<string> Tags);
