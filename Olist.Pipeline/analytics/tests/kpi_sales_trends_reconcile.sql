-- At every grain, sales-trends adds up to the sales orders of fact_orders: orders, revenue, freight and payments.
WITH grain_totals AS (
    SELECT
        grain,
        SUM(orders) AS orders,
        SUM(revenue) AS revenue,
        SUM(freight) AS freight,
        SUM(payments) AS payments
    FROM {{ ref('kpi_sales_trends') }}
    GROUP BY grain
),
fact_totals AS (
    SELECT
        COUNT(*) AS orders,
        SUM(item_revenue) AS revenue,
        SUM(freight) AS freight,
        SUM(order_value) AS payments
    FROM {{ ref('fact_orders') }}
    WHERE is_sales_order
)
SELECT
    grain_totals.grain,
    grain_totals.orders,
    fact_totals.orders AS fact_orders
FROM grain_totals
CROSS JOIN fact_totals
WHERE {{ totals_differ('grain_totals', 'fact_totals', 'orders, revenue, freight, payments') }}
