-- One row per customer (a person, customer_unique_id; metrics.md section 3), with the location of their latest order.
WITH customer_orders AS (
    SELECT
        customers.customer_unique_id,
        customers.customer_id,
        customers.customer_zip_code_prefix,
        customers.customer_city,
        customers.customer_state,
        orders.order_id,
        orders.order_purchase_timestamp,
        orders.order_status NOT IN ('canceled', 'unavailable') AS is_sales_order
    FROM {{ ref('stg_customers') }} AS customers
    LEFT JOIN {{ ref('stg_orders') }} AS orders
        ON orders.customer_id = customers.customer_id
    WHERE customers.customer_unique_id IS NOT NULL
),
latest_records AS (
    SELECT
        customer_unique_id,
        customer_zip_code_prefix,
        customer_city,
        customer_state
    FROM customer_orders
    QUALIFY row_number() OVER (
        PARTITION BY customer_unique_id
        ORDER BY order_purchase_timestamp DESC NULLS LAST, customer_id DESC) = 1
),
order_summaries AS (
    SELECT
        customer_unique_id,
        COUNT(DISTINCT customer_id) AS customer_records,
        COUNT(order_id) AS orders,
        COUNT(CASE WHEN is_sales_order THEN order_id END) AS sales_orders,
        min(order_purchase_timestamp) AS first_purchase_at,
        min(CASE WHEN is_sales_order THEN order_purchase_timestamp END) AS first_sales_purchase_at,
        max(order_purchase_timestamp) AS last_purchase_at
    FROM customer_orders
    GROUP BY customer_unique_id
)
SELECT
    order_summaries.customer_unique_id,
    latest_records.customer_zip_code_prefix,
    latest_records.customer_city,
    latest_records.customer_state,
    order_summaries.customer_records,
    order_summaries.orders,
    order_summaries.sales_orders,
    order_summaries.first_purchase_at,
    order_summaries.first_sales_purchase_at,
    order_summaries.last_purchase_at
FROM order_summaries
INNER JOIN latest_records
    ON latest_records.customer_unique_id = order_summaries.customer_unique_id
