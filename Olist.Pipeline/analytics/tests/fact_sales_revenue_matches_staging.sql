-- Item revenue and freight of sales orders in fact_sales equal those of the staged items of sales orders purchased
-- on the days fact_sales holds (every day in a full build; the audited day in a daily Write-Audit-Publish run).
WITH fact_totals AS (
    SELECT
        coalesce(SUM(price), 0) AS revenue,
        coalesce(SUM(freight_value), 0) AS freight
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
),
staging_totals AS (
    SELECT
        coalesce(SUM(items.price), 0) AS revenue,
        coalesce(SUM(items.freight_value), 0) AS freight
    FROM {{ ref('stg_order_items') }} AS items
    INNER JOIN {{ ref('stg_orders') }} AS orders
        ON orders.order_id = items.order_id
    WHERE orders.order_status NOT IN ('canceled', 'unavailable')
        AND CAST(orders.order_purchase_timestamp AS DATE) IN (SELECT ds FROM {{ ref('fact_sales') }})
)
SELECT
    fact_totals.revenue AS fact_revenue,
    staging_totals.revenue AS staging_revenue,
    fact_totals.freight AS fact_freight,
    staging_totals.freight AS staging_freight
FROM fact_totals
CROSS JOIN staging_totals
WHERE {{ totals_differ('fact_totals', 'staging_totals', 'revenue, freight') }}
