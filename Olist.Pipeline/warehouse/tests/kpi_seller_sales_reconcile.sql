-- seller-sales adds up to the staged items of sales orders (not fact_sales, whose tests may run on one audited day), and its ranks follow revenue.
WITH seller_totals AS (
    SELECT
        SUM(units) AS units,
        SUM(revenue) AS revenue
    FROM {{ ref('kpi_seller_sales') }}
),
staged_totals AS (
    SELECT
        COUNT(*) AS units,
        SUM(items.price) AS revenue
    FROM {{ ref('stg_order_items') }} AS items
    INNER JOIN {{ ref('stg_orders') }} AS orders
        ON orders.order_id = items.order_id
    WHERE orders.order_status NOT IN ('canceled', 'unavailable')
        AND items.seller_id IS NOT NULL
),
rank_order AS (
    SELECT
        seller_id,
        revenue,
        lag(revenue) OVER (ORDER BY rank) AS previous_revenue
    FROM {{ ref('kpi_seller_sales') }}
)
SELECT
    'all' AS seller_id,
    'totals differ from the staged sales items' AS problem
FROM seller_totals
CROSS JOIN staged_totals
WHERE seller_totals.units <> staged_totals.units
    OR seller_totals.revenue <> staged_totals.revenue
UNION ALL
SELECT
    seller_id,
    'ranked above a seller with more revenue'
FROM rank_order
WHERE revenue > previous_revenue
