using Olist.Pipeline.Catalog;
using Olist.Pipeline.Gcp;
using Olist.Pipeline.Gcp.BigQuery;

namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>
/// The <see cref="LiveCatalog"/> from the BigQuery warehouse's raw tables, with the DuckDB reader's filters: prices
/// parsed as DuckDB's <c>TRY_CAST(price AS DECIMAL(18, 2))</c> parses them, the size an <c>@limit</c> parameter.
/// Customers are spread by <c>FARM_FINGERPRINT</c>, stable across reads as DuckDB's <c>hash</c> is, not the same spread.
/// </summary>
public sealed class BigQueryLiveCatalogReader(BigQueryWarehouse warehouse) : ILiveCatalogReader
{
    public async Task<LiveCatalog> ReadAsync(int size, CancellationToken cancellationToken)
    {
        var client = await warehouse.ClientAsync(cancellationToken);
        IReadOnlyList<BigQueryParameter> limit = [BigQueryParameter.OfInt64("limit", size)];
        BigQueryResult products;
        BigQueryResult customers;
        try
        {
            products = await client.QueryAsync(ProductsSql(), limit, queryOptions: null, cancellationToken);
            customers = await client.QueryAsync(CustomersSql(), limit, queryOptions: null, cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.Reason == "notFound")
        {
            throw new PipelineException($"The warehouse BigQuery {warehouse.Location} has no loaded catalog yet; load the Olist files first.", ex);
        }

        return LiveCatalog.Of(
            [.. products.Rows.Select(r => new CatalogProduct((string)r[0]!, (decimal)r[1]!, (decimal)r[2]!, [.. ((IEnumerable<object?>)r[3]!).Cast<string>()]))],
            [.. customers.Rows.Select(r => new CatalogCustomer((string)r[0]!, (string)r[1]!, (string?)r[2], (string?)r[3], (string?)r[4]))],
            $"BigQuery {warehouse.Location}");
    }

    private string ProductsSql() => $"""
        select product_id, min(price) as min_price, max(price) as max_price, array_agg(distinct seller_id order by seller_id) as seller_ids
        from (select product_id, seller_id, round(safe_cast(trim(price) as numeric), 2) as price from {warehouse.RawRelation(OlistCatalog.OrderItems)})
        where price > 0 and price <= 1000000 and char_length(product_id) <= 64 and char_length(seller_id) <= 64
          and product_id in (select product_id from {warehouse.RawRelation(OlistCatalog.Products)}) and seller_id in (select seller_id from {warehouse.RawRelation(OlistCatalog.Sellers)})
        group by product_id order by count(*) desc, product_id limit @limit
        """;

    private string CustomersSql() => $"""
        select customer_id, customer_unique_id, customer_zip_code_prefix, customer_city, customer_state
        from {warehouse.RawRelation(OlistCatalog.Customers)}
        where char_length(customer_id) between 1 and 64 and char_length(customer_unique_id) between 1 and 64
        order by farm_fingerprint(customer_id), customer_id limit @limit
        """;

}
