-- One row per order: status, lifecycle dates, the customer (person and this order's location), item revenue,
-- freight, order value (sum of payments) and review score.
WITH item_totals AS (
    SELECT
        order_id,
        COUNT(*) AS items,
        SUM(price) AS item_revenue,
        SUM(freight_value) AS freight
    FROM {{ ref('stg_order_items') }}
    GROUP BY order_id
),
payment_totals AS (
    SELECT
        order_id,
        COUNT(*) AS payment_rows,
        SUM(payment_value) AS order_value
    FROM {{ ref('stg_order_payments') }}
    GROUP BY order_id
),
review_scores AS (
    SELECT
        order_id,
        COUNT(*) AS reviews,
        AVG(review_score) AS review_score
    FROM {{ ref('stg_order_reviews') }}
    GROUP BY order_id
)
SELECT
    orders.order_id,
    orders.customer_id,
    customers.customer_unique_id,
    customers.customer_state,
    customers.customer_city,
    orders.order_status,
    orders.order_status NOT IN ('canceled', 'unavailable') AS is_sales_order,
    orders.order_purchase_timestamp,
    CAST(orders.order_purchase_timestamp AS DATE) AS purchase_date,
    orders.order_approved_at,
    orders.order_delivered_carrier_date,
    orders.order_delivered_customer_date,
    orders.order_estimated_delivery_date,
    coalesce(item_totals.items, 0) AS items,
    CAST(coalesce(item_totals.item_revenue, 0) AS DECIMAL(18, 2)) AS item_revenue,
    CAST(coalesce(item_totals.freight, 0) AS DECIMAL(18, 2)) AS freight,
    coalesce(payment_totals.payment_rows, 0) AS payment_rows,
    CAST(coalesce(payment_totals.order_value, 0) AS DECIMAL(18, 2)) AS order_value,
    coalesce(review_scores.reviews, 0) AS reviews,
    review_scores.review_score
FROM {{ ref('stg_orders') }} AS orders
INNER JOIN {{ ref('stg_customers') }} AS customers
    ON customers.customer_id = orders.customer_id
LEFT JOIN item_totals
    ON item_totals.order_id = orders.order_id
LEFT JOIN payment_totals
    ON payment_totals.order_id = orders.order_id
LEFT JOIN review_scores
    ON review_scores.order_id = orders.order_id
