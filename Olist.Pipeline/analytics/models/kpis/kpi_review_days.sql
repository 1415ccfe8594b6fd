-- One row per purchase day and delivery-delay bucket of the delivered orders satisfaction counts: their count, the sum
-- of their scores in billionths and the count of 1-star orders. All three are whole numbers, so a bucket's figures
-- added up from the days of a date range equal those added up from its orders, and a ranged query reads a few thousand
-- rows instead of every order.
WITH reviewed_deliveries AS (
    SELECT
        purchase_date,
        review_score,
        CAST(ROUND(review_score * 1000000000) AS {{ type_bigint() }}) AS score_billionths,
        {{ date_diff_days('order_delivered_customer_date', 'order_estimated_delivery_date') }} AS delay_days
    FROM {{ ref('fact_orders') }}
    WHERE order_status = 'delivered'
        AND order_delivered_customer_date IS NOT NULL
        AND order_estimated_delivery_date IS NOT NULL
        AND review_score IS NOT NULL
),
bucketed_orders AS (
    SELECT
        purchase_date,
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
    purchase_date,
    bucket,
    CAST(bucket_order AS {{ type_int() }}) AS bucket_order,
    CAST(COUNT(*) AS {{ type_bigint() }}) AS orders,
    CAST(SUM(score_billionths) AS {{ type_bigint() }}) AS score_billionths,
    CAST(COUNT(CASE WHEN review_score = 1 THEN 1 END) AS {{ type_bigint() }}) AS one_star_orders
FROM bucketed_orders
GROUP BY purchase_date, bucket, bucket_order
