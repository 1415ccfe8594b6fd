-- metrics.md 4.6 order-value: sales orders with at least one payment row, per customer state (level state)
-- and per state and city (level city).
WITH paid_orders AS (
    SELECT
        customer_state,
        customer_city,
        order_value
    FROM {{ ref('fact_orders') }}
    WHERE is_sales_order
        AND payment_rows > 0
        AND purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
location_totals AS (
    SELECT 'state' AS level, customer_state AS state, CAST(NULL AS STRING) AS city, COUNT(*) AS orders, SUM(order_value) AS revenue
    FROM paid_orders
    GROUP BY customer_state
    UNION ALL
    SELECT 'city', customer_state, customer_city, COUNT(*), SUM(order_value)
    FROM paid_orders
    GROUP BY customer_state, customer_city
)
SELECT
    level,
    state,
    city,
    CAST(orders AS {{ type_bigint() }}) AS orders,
    CAST(revenue AS DECIMAL(18, 2)) AS revenue,
    {{ safe_cast('revenue / orders', 'double') }} AS aov
FROM location_totals
