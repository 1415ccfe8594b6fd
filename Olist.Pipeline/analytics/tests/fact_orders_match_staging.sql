-- fact_orders keeps every staged order once, and its payments total equals the staged payments.
WITH fact_totals AS (
    SELECT
        COUNT(*) AS orders,
        coalesce(SUM(order_value), 0) AS payments
    FROM {{ ref('fact_orders') }}
),
staging_totals AS (
    SELECT
        (SELECT COUNT(*) FROM {{ ref('stg_orders') }}) AS orders,
        (SELECT coalesce(SUM(payment_value), 0) FROM {{ ref('stg_order_payments') }}) AS payments
)
SELECT
    fact_totals.orders AS fact_orders,
    staging_totals.orders AS staging_orders,
    fact_totals.payments AS fact_payments,
    staging_totals.payments AS staging_payments
FROM fact_totals
CROSS JOIN staging_totals
WHERE {{ totals_differ('fact_totals', 'staging_totals', 'orders, payments') }}
