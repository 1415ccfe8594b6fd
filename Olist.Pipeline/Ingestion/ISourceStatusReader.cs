namespace Olist.Pipeline.Ingestion;

/// <summary>What the latest load of each source table brought, from the warehouse's load history (DuckDB's or BigQuery's).</summary>
public interface ISourceStatusReader
{
    /// <summary>One status per catalog table, in catalog order; tables never loaded have no file and no load time.</summary>
    Task<IReadOnlyList<SourceTableStatus>> ReadAsync(CancellationToken cancellationToken);
}
