-- One row per sales order of fact_orders with only what the customer KPIs a date range recomputes read (customer-growth,
-- purchase-frequency, retention): the purchase day and its month, the customer's location, and a whole number for the
-- customer (customer_unique_id numbered in id order; NULL stays NULL). Counting distinct customers and grouping orders by
-- customer on a number takes far less CPU than on the 32-character id.
WITH sales_orders AS (
    SELECT
        customer_unique_id,
        customer_state,
        customer_city,
        purchase_date
    FROM {{ ref('fact_orders') }}
    WHERE is_sales_order
)
SELECT
    sales_orders.purchase_date,
    calendar.month_start,
    CASE
        WHEN sales_orders.customer_unique_id IS NOT NULL
            THEN CAST(dense_rank() OVER (ORDER BY sales_orders.customer_unique_id ASC) AS {{ type_int() }})
    END AS customer_key,
    sales_orders.customer_state,
    sales_orders.customer_city
FROM sales_orders
LEFT JOIN {{ ref('dim_date') }} AS calendar
    ON calendar.date_day = sales_orders.purchase_date
