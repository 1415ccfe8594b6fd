-- At every grain, top-products (all ranks) adds up to the sales items of fact_sales: units and revenue.
WITH grain_totals AS (
    SELECT
        grain,
        SUM(units) AS units,
        SUM(revenue) AS revenue
    FROM {{ ref('kpi_top_products') }}
    GROUP BY grain
),
fact_totals AS (
    SELECT
        COUNT(*) AS units,
        SUM(price) AS revenue
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
        AND product_id IS NOT NULL
)
SELECT
    grain_totals.grain,
    grain_totals.units,
    fact_totals.units AS fact_units
FROM grain_totals
CROSS JOIN fact_totals
WHERE grain_totals.units <> fact_totals.units
    OR grain_totals.revenue <> fact_totals.revenue
