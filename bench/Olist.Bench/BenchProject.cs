namespace Olist.Bench;

/// <summary>
/// A small analytics project over the real raw tables (orders, items, customers, payments), so the build benchmark runs
/// before the warehouse models exist: staging views, an incremental Write-Audit-Publish fact, a dimension and a KPI, with tests.
/// </summary>
internal static class BenchProject
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["olist_project.yml"] = """
            name: bench
            models:
              staging: {materialized: view}
              marts: {materialized: table}
              kpis: {materialized: table}
            """,
        ["models/staging/stg_orders.sql"] = """
            SELECT
                order_id,
                customer_id,
                order_status,
                {{ parse_timestamp('order_purchase_timestamp') }} AS purchased_at,
                CAST({{ parse_timestamp('order_purchase_timestamp') }} AS DATE) AS ds
            FROM {{ source('raw', 'orders') }}
            QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY _line_number) = 1
            """,
        ["models/staging/stg_order_items.sql"] = """
            SELECT
                order_id,
                {{ safe_cast('order_item_id', 'integer') }} AS order_item_id,
                product_id,
                seller_id,
                {{ safe_cast('price', 'decimal') }} AS price,
                {{ safe_cast('freight_value', 'decimal') }} AS freight_value
            FROM {{ source('raw', 'order_items') }}
            QUALIFY row_number() OVER (PARTITION BY order_id, order_item_id ORDER BY _line_number) = 1
            """,
        ["models/staging/stg_customers.sql"] = """
            SELECT customer_id, customer_unique_id, {{ normalize_city('customer_city') }} AS customer_city, customer_state
            FROM {{ source('raw', 'customers') }}
            QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY _line_number) = 1
            """,
        ["models/marts/dim_customers.sql"] = """
            SELECT customer_unique_id, any_value(customer_city) AS customer_city, any_value(customer_state) AS customer_state
            FROM {{ ref('stg_customers') }}
            GROUP BY customer_unique_id
            """,
        ["models/marts/fact_sales.sql"] = """
            SELECT items.order_id, items.order_item_id, items.product_id, items.seller_id, orders.order_status,
                   customers.customer_unique_id, items.price, items.freight_value, orders.ds
            FROM {{ ref('stg_order_items') }} AS items
            JOIN {{ ref('stg_orders') }} AS orders USING (order_id)
            LEFT JOIN {{ ref('stg_customers') }} AS customers USING (customer_id)
            WHERE orders.ds IS NOT NULL
            {% if is_incremental() %}AND orders.ds = '{{ var('ds') }}'{% endif %}
            """,
        ["models/kpis/kpi_monthly_revenue.sql"] = """
            SELECT {{ format_month('ds') }} AS month, sum(price) AS revenue, count(DISTINCT order_id) AS orders
            FROM {{ ref('fact_sales') }}
            WHERE order_status NOT IN ('canceled', 'unavailable')
            GROUP BY 1
            """,
        ["models/marts/_marts.yml"] = """
            version: 2
            models:
              - name: fact_sales
                config: {materialized: incremental, incremental_key: ds, write_audit_publish: true}
                columns:
                  - name: order_id
                    tests: [not_null]
                  - name: price
                    tests:
                      - expression_is_true: {expression: "price >= 0", severity: warn}
                  - name: customer_unique_id
                    tests:
                      - relationships: {to: ref('dim_customers'), field: customer_unique_id}
                tests:
                  - unique: {columns: [order_id, order_item_id]}
              - name: dim_customers
                columns:
                  - name: customer_unique_id
                    tests: [unique, not_null]
            """,
        ["models/staging/_staging.yml"] = """
            version: 2
            models:
              - name: stg_orders
                columns:
                  - name: order_id
                    tests: [unique, not_null]
                  - name: order_status
                    tests:
                      - accepted_values: {values: [delivered, shipped, canceled, unavailable, invoiced, processing, created, approved]}
            """,
    };

    /// <summary>Writes the project into <paramref name="directory"/> and returns it.</summary>
    public static string Write(string directory)
    {
        foreach (var (path, text) in Files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return directory;
    }
}
