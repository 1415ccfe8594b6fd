-- seller-sales adds up to the sales items of fact_sales, and its ranks follow revenue.
WITH seller_totals AS (
    SELECT
        SUM(units) AS units,
        SUM(revenue) AS revenue
    FROM {{ ref('kpi_seller_sales') }}
),
fact_totals AS (
    SELECT
        COUNT(*) AS units,
        SUM(price) AS revenue
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
        AND seller_id IS NOT NULL
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
    'totals differ from fact_sales' AS problem
FROM seller_totals
CROSS JOIN fact_totals
WHERE seller_totals.units <> fact_totals.units
    OR seller_totals.revenue <> fact_totals.revenue
UNION ALL
SELECT
    seller_id,
    'ranked above a seller with more revenue'
FROM rank_order
WHERE revenue > previous_revenue
