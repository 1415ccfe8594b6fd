-- One row per purchase day with sales orders: their count and their sums of revenue, freight and payments, which is all
-- sales-trends adds up for a date range. Sums of DECIMAL(18,2) are exact, so a period's totals added up from its days
-- equal those added up from its orders, and a ranged query reads a few hundred days instead of every order.
SELECT
    purchase_date,
    CAST(COUNT(*) AS {{ type_bigint() }}) AS orders,
    CAST(SUM(item_revenue) AS DECIMAL(18, 2)) AS revenue,
    CAST(SUM(freight) AS DECIMAL(18, 2)) AS freight,
    CAST(SUM(order_value) AS DECIMAL(18, 2)) AS payments
FROM {{ ref('fact_orders') }}
WHERE is_sales_order
GROUP BY purchase_date
