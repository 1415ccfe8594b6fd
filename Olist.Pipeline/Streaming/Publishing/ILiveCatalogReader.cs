namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>Reads the live generator's <see cref="LiveCatalog"/> from the configured warehouse's raw tables: the best-selling products and a spread of customers.</summary>
public interface ILiveCatalogReader
{
    /// <summary>Up to <paramref name="size"/> products and as many customers; fails clearly when the warehouse has none.</summary>
    Task<LiveCatalog> ReadAsync(int size, CancellationToken cancellationToken);
}
