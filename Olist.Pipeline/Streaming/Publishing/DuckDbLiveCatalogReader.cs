using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>The <see cref="LiveCatalog"/> from the DuckDB warehouse's raw tables: the best-selling products and a spread of customers.</summary>
public sealed class DuckDbLiveCatalogReader(DuckDbWarehouse warehouse) : ILiveCatalogReader
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

    public async Task<LiveCatalog> ReadAsync(int size, CancellationToken cancellationToken)
    {
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

        return LiveCatalog.Of(products, customers, warehouse.DatabasePath);
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
