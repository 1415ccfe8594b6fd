-- metrics.md 4.7 purchase-frequency: distinct customers and sales orders per customer state (level state)
-- and per state and city (level city), located by each order's own customer record; customers are counted by their key in
-- kpi_sales_orders (one per customer_unique_id).
WITH sales_orders AS (
    SELECT
        customer_key,
        customer_state,
        customer_city
    FROM {{ ref('kpi_sales_orders') }}
    WHERE purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
location_totals AS (
    SELECT 'state' AS level, customer_state AS state, CAST(NULL AS STRING) AS city,
        COUNT(DISTINCT customer_key) AS customers, COUNT(*) AS orders
    FROM sales_orders
    GROUP BY customer_state
    UNION ALL
    SELECT 'city', customer_state, customer_city, COUNT(DISTINCT customer_key), COUNT(*)
    FROM sales_orders
    GROUP BY customer_state, customer_city
)
SELECT
    level,
    state,
    city,
    CAST(customers AS {{ type_bigint() }}) AS customers,
    CAST(orders AS {{ type_bigint() }}) AS orders,
    CASE WHEN customers > 0 THEN {{ safe_cast('1.0 * orders / customers', 'double') }} END AS frequency
FROM location_totals
