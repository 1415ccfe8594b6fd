namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>What the live generator sells and to whom: products with their historic price range and sellers, and existing customers.</summary>
public sealed record LiveCatalog(IReadOnlyList<CatalogProduct> Products, IReadOnlyList<CatalogCustomer> Customers)
{
    /// <summary>The catalog read from <paramref name="warehouse"/>; the generator needs both products and customers, so either missing fails with what to do.</summary>
    internal static LiveCatalog Of(IReadOnlyList<CatalogProduct> products, IReadOnlyList<CatalogCustomer> customers, string warehouse) =>
        products.Count == 0 || customers.Count == 0
            ? throw new PipelineException($"The warehouse {warehouse} has no sold products or no customers to generate live orders from.")
            : new(products, customers);
}

/// <summary>A product that has sold before: the lowest and highest price it sold for, and the sellers who sold it.</summary>
public sealed record CatalogProduct(string ProductId, decimal MinPrice, decimal MaxPrice, IReadOnlyList<string> SellerIds);

/// <summary>An existing customer record (one order's customer_id) with its person and address.</summary>
public sealed record CatalogCustomer(string CustomerId, string CustomerUniqueId, string? ZipCodePrefix, string? City, string? State);
