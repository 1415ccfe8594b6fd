-- metrics.md 4.5 delivery-times: per seller, delivered orders (delivery not before purchase) counted once per
-- distinct seller of their items, with average, median and 90th percentile days, late share and outliers. The average is
-- taken from the exact sum of whole seconds: a sum of day fractions depends on the order the threads add them up in, so
-- identical builds would differ in the last digits.
WITH counted_orders AS (
    SELECT
        order_id,
        {{ date_diff_seconds('order_delivered_customer_date', 'order_purchase_timestamp') }} AS delivery_seconds,
        CAST(order_delivered_customer_date AS DATE) > CAST(order_estimated_delivery_date AS DATE) AS is_late
    FROM {{ ref('fact_orders') }}
    WHERE order_status = 'delivered'
        AND order_delivered_customer_date IS NOT NULL
        AND order_delivered_customer_date >= order_purchase_timestamp
        AND purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
-- Items carry their order's purchase day (ds), so the range cuts them before DISTINCT instead of after the join.
seller_orders AS (
    SELECT DISTINCT
        seller_id,
        order_id
    FROM {{ ref('fact_sales') }}
    WHERE seller_id IS NOT NULL
        AND order_status = 'delivered'
        AND ds BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
seller_deliveries AS (
    SELECT
        seller_orders.seller_id,
        counted_orders.delivery_seconds,
        counted_orders.delivery_seconds / 86400.0 AS delivery_days,
        counted_orders.is_late
    FROM seller_orders
    INNER JOIN counted_orders
        ON counted_orders.order_id = seller_orders.order_id
),
seller_statistics AS (
    SELECT
        seller_id,
        COUNT(*) AS delivered_orders,
        {{ safe_cast('SUM(delivery_seconds)', 'double') }} / (86400 * COUNT(*)) AS avg_days,
        {{ percentile_cont('delivery_days', 0.5) }} AS median_days,
        {{ percentile_cont('delivery_days', 0.9) }} AS p90_days,
        100.0 * COUNT(CASE WHEN is_late THEN 1 END) / COUNT(*) AS late_pct
    FROM seller_deliveries
    GROUP BY seller_id
),
outlier_fence AS (
    SELECT
        {{ percentile_cont('avg_days', 0.25) }} AS first_quartile,
        {{ percentile_cont('avg_days', 0.75) }} AS third_quartile
    FROM seller_statistics
    WHERE delivered_orders >= 10
)
SELECT
    seller_statistics.seller_id,
    CAST(seller_statistics.delivered_orders AS {{ type_bigint() }}) AS delivered_orders,
    {{ safe_cast('seller_statistics.avg_days', 'double') }} AS avg_days,
    {{ safe_cast('seller_statistics.median_days', 'double') }} AS median_days,
    {{ safe_cast('seller_statistics.p90_days', 'double') }} AS p90_days,
    {{ safe_cast('seller_statistics.late_pct', 'double') }} AS late_pct,
    coalesce(
        seller_statistics.delivered_orders >= 10
            AND seller_statistics.avg_days > outlier_fence.third_quartile + 1.5 * (outlier_fence.third_quartile - outlier_fence.first_quartile),
        FALSE) AS is_outlier
FROM seller_statistics
CROSS JOIN outlier_fence
