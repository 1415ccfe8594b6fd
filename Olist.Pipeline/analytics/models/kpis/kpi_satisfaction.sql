-- metrics.md 4.9 satisfaction: delivered orders with delivered and estimated dates and a review score, per bucket of
-- delivery day minus estimated delivery day; an order's score is the mean of its reviews' scores. The bucket's mean is
-- taken from the exact sum of the order scores in billionths (an order's mean rounded by at most 5e-10): a sum of doubles
-- depends on the order the threads add them up in, so identical builds would differ in the last digits.
WITH reviewed_deliveries AS (
    SELECT
        review_score,
        CAST(ROUND(review_score * 1000000000) AS {{ type_bigint() }}) AS score_billionths,
        {{ date_diff_days('order_delivered_customer_date', 'order_estimated_delivery_date') }} AS delay_days
    FROM {{ ref('fact_orders') }}
    WHERE order_status = 'delivered'
        AND order_delivered_customer_date IS NOT NULL
        AND order_estimated_delivery_date IS NOT NULL
        AND review_score IS NOT NULL
        AND purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
bucketed_orders AS (
    SELECT
        CASE
            WHEN delay_days < 0 THEN 'early'
            WHEN delay_days = 0 THEN 'on_time'
            WHEN delay_days <= 3 THEN 'late_1_3'
            WHEN delay_days <= 7 THEN 'late_4_7'
            ELSE 'late_8_plus'
        END AS bucket,
        CASE
            WHEN delay_days < 0 THEN 1
            WHEN delay_days = 0 THEN 2
            WHEN delay_days <= 3 THEN 3
            WHEN delay_days <= 7 THEN 4
            ELSE 5
        END AS bucket_order,
        review_score,
        score_billionths
    FROM reviewed_deliveries
)
SELECT
    bucket,
    CAST(bucket_order AS {{ type_int() }}) AS bucket_order,
    CAST(COUNT(*) AS {{ type_bigint() }}) AS orders,
    {{ safe_cast('SUM(score_billionths)', 'double') }} / (1000000000 * COUNT(*)) AS avg_review_score,
    {{ safe_cast('100.0 * COUNT(CASE WHEN review_score = 1 THEN 1 END) / COUNT(*)', 'double') }} AS share_1_star_pct
FROM bucketed_orders
GROUP BY bucket, bucket_order
