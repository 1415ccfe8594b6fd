-- order-value and purchase-frequency: the city rows of a state add up to its state row, and the state rows to
-- the sales orders of fact_orders (with payments, for order-value).
WITH order_value_cities AS (
    SELECT state, SUM(orders) AS orders, SUM(revenue) AS revenue
    FROM {{ ref('kpi_order_value') }}
    WHERE level = 'city'
    GROUP BY state
),
frequency_cities AS (
    SELECT state, SUM(orders) AS orders
    FROM {{ ref('kpi_purchase_frequency') }}
    WHERE level = 'city'
    GROUP BY state
),
paid_sales_orders AS (
    SELECT COUNT(*) AS orders, SUM(order_value) AS revenue
    FROM {{ ref('fact_orders') }}
    WHERE is_sales_order
        AND payment_rows > 0
)
SELECT
    states.state,
    'order-value cities differ from their state' AS problem
FROM {{ ref('kpi_order_value') }} AS states
LEFT JOIN order_value_cities
    ON order_value_cities.state IS NOT DISTINCT FROM states.state
WHERE states.level = 'state'
    AND (order_value_cities.orders IS DISTINCT FROM states.orders OR order_value_cities.revenue IS DISTINCT FROM states.revenue)
UNION ALL
SELECT
    states.state,
    'purchase-frequency cities differ from their state'
FROM {{ ref('kpi_purchase_frequency') }} AS states
LEFT JOIN frequency_cities
    ON frequency_cities.state IS NOT DISTINCT FROM states.state
WHERE states.level = 'state'
    AND frequency_cities.orders IS DISTINCT FROM states.orders
UNION ALL
SELECT
    'all',
    'order-value states differ from the paid sales orders'
FROM paid_sales_orders
WHERE paid_sales_orders.orders <> (SELECT SUM(orders) FROM {{ ref('kpi_order_value') }} WHERE level = 'state')
    OR paid_sales_orders.revenue <> (SELECT SUM(revenue) FROM {{ ref('kpi_order_value') }} WHERE level = 'state')
