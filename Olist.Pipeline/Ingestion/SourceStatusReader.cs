using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Ingestion;

/// <summary>Reads, per source table, what the latest load brought: rows, quarantine, time and quality findings.</summary>
public sealed class SourceStatusReader(DuckDbWarehouse warehouse)
{
    /// <summary>One status per catalog table, in catalog order; tables never loaded have no file and no load time.</summary>
    public Task<IReadOnlyList<SourceTableStatus>> ReadAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException($"The loader is being built (issue 2): {warehouse.DatabasePath}.");
}
