-- At every grain, top-products (all ranks) adds up to the staged items of sales orders (not fact_sales, whose tests may run on one audited day): units and revenue.
WITH grain_totals AS (
    SELECT
        grain,
        SUM(units) AS units,
        SUM(revenue) AS revenue
    FROM {{ ref('kpi_top_products') }}
    GROUP BY grain
),
staged_totals AS (
    SELECT
        COUNT(*) AS units,
        SUM(items.price) AS revenue
    FROM {{ ref('stg_order_items') }} AS items
    INNER JOIN {{ ref('stg_orders') }} AS orders
        ON orders.order_id = items.order_id
    WHERE orders.order_status NOT IN ('canceled', 'unavailable')
        AND items.product_id IS NOT NULL
)
SELECT
    grain_totals.grain,
    grain_totals.units,
    staged_totals.units AS staged_units
FROM grain_totals
CROSS JOIN staged_totals
WHERE grain_totals.units <> staged_totals.units
    OR grain_totals.revenue <> staged_totals.revenue
