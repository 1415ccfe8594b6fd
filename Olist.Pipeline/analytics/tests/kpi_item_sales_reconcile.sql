-- top-products (all ranks, at every grain) and seller-sales add up to the staged items of sales orders (not to
-- fact_sales, whose tests may run on one audited day), and seller-sales ranks follow revenue.
WITH staged_totals AS (
    SELECT
        COUNT(CASE WHEN items.product_id IS NOT NULL THEN 1 END) AS product_units,
        SUM(CASE WHEN items.product_id IS NOT NULL THEN items.price END) AS product_revenue,
        COUNT(CASE WHEN items.seller_id IS NOT NULL THEN 1 END) AS seller_units,
        SUM(CASE WHEN items.seller_id IS NOT NULL THEN items.price END) AS seller_revenue
    FROM {{ ref('stg_order_items') }} AS items
    INNER JOIN {{ ref('stg_orders') }} AS orders
        ON orders.order_id = items.order_id
    WHERE orders.order_status NOT IN ('canceled', 'unavailable')
),
grain_totals AS (
    SELECT
        grain,
        SUM(units) AS units,
        SUM(revenue) AS revenue
    FROM {{ ref('kpi_top_products') }}
    GROUP BY grain
),
seller_totals AS (
    SELECT
        SUM(units) AS units,
        SUM(revenue) AS revenue
    FROM {{ ref('kpi_seller_sales') }}
),
seller_ranks AS (
    SELECT
        seller_id,
        revenue,
        lag(revenue) OVER (ORDER BY rank) AS previous_revenue
    FROM {{ ref('kpi_seller_sales') }}
)
SELECT
    'top-products ' || grain_totals.grain AS kpi,
    'totals differ from the staged sales items' AS problem
FROM grain_totals
CROSS JOIN staged_totals
WHERE {{ totals_differ('grain_totals', 'staged_totals', 'units = product_units, revenue = product_revenue') }}
UNION ALL
SELECT
    'seller-sales',
    'totals differ from the staged sales items'
FROM seller_totals
CROSS JOIN staged_totals
WHERE {{ totals_differ('seller_totals', 'staged_totals', 'units = seller_units, revenue = seller_revenue') }}
UNION ALL
SELECT
    'seller-sales ' || seller_id,
    'ranked above a seller with more revenue'
FROM seller_ranks
WHERE revenue > previous_revenue
