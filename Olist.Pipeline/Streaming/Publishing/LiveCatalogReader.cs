using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>Reads a <see cref="LiveCatalog"/> from the warehouse's raw tables: the best-selling products and a spread of customers.</summary>
public static class LiveCatalogReader
{
    private const string ProductsSql = """
        SELECT product_id, min(price), max(price), list(DISTINCT seller_id ORDER BY seller_id)
        FROM (SELECT product_id, seller_id, TRY_CAST(price AS DECIMAL(18, 2)) AS price FROM raw.order_items)
        WHERE price > 0 AND price <= 1000000 AND length(product_id) <= 64 AND length(seller_id) <= 64
          AND product_id IN (SELECT product_id FROM raw.products) AND seller_id IN (SELECT seller_id FROM raw.sellers)
        GROUP BY product_id ORDER BY count(*) DESC, product_id LIMIT $limit
        """;

    private const string CustomersSql = """
        SELECT customer_id, customer_unique_id, customer_zip_code_prefix, customer_city, customer_state
        FROM raw.customers
        WHERE length(customer_id) BETWEEN 1 AND 64 AND length(customer_unique_id) BETWEEN 1 AND 64
        ORDER BY hash(customer_id) LIMIT $limit
        """;

    /// <summary>Up to <paramref name="size"/> products and as many customers; fails clearly when the warehouse has none.</summary>
    public static async Task<LiveCatalog> ReadAsync(DuckDbWarehouse warehouse, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        var products = new List<CatalogProduct>();
        var customers = new List<CatalogCustomer>();
        try
        {
            await Sql.ReadAsync(
                connection,
                ProductsSql,
                r => products.Add(new CatalogProduct(r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetFieldValue<List<string>>(3))),
                cancellationToken,
                ("limit", size));
            await Sql.ReadAsync(
                connection,
                CustomersSql,
                r => customers.Add(new CatalogCustomer(r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4))),
                cancellationToken,
                ("limit", size));
        }
        catch (DuckDB.NET.Data.DuckDBException ex) when (ex.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            throw new PipelineException($"The warehouse {warehouse.DatabasePath} has no loaded catalog yet; load the Olist files first.", ex);
        }

        if (products.Count == 0 || customers.Count == 0)
        {
            throw new PipelineException($"The warehouse {warehouse.DatabasePath} has no sold products or no customers to generate live orders from.");
        }

        return new LiveCatalog(products, customers);
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
