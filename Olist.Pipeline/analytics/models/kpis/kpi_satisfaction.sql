-- metrics.md 4.9 satisfaction: delivered orders with delivered and estimated dates and a review score, per bucket of
-- delivery day minus estimated delivery day; an order's score is the mean of its reviews' scores. The bucket's mean is
-- taken from the exact sum of the order scores in billionths (an order's mean rounded by at most 5e-10): a sum of doubles
-- depends on the order the threads add them up in, so identical builds would differ in the last digits. The buckets add
-- up the days of kpi_review_days in the range (whole numbers, summed back to the counts' own type).
WITH bucket_totals AS (
    SELECT
        bucket,
        bucket_order,
        CAST(SUM(orders) AS {{ type_bigint() }}) AS orders,
        SUM(score_billionths) AS score_billionths,
        CAST(SUM(one_star_orders) AS {{ type_bigint() }}) AS one_star_orders
    FROM {{ ref('kpi_review_days') }}
    WHERE purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
    GROUP BY bucket, bucket_order
)
SELECT
    bucket,
    bucket_order,
    orders,
    {{ safe_cast('score_billionths', 'double') }} / (1000000000 * orders) AS avg_review_score,
    {{ safe_cast('100.0 * one_star_orders / orders', 'double') }} AS share_1_star_pct
FROM bucket_totals
