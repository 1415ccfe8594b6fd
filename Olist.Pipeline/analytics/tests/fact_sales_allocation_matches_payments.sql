-- For every order with items, the payments allocated to its items sum to its payments to the cent.
WITH allocated_orders AS (
    SELECT
        order_id,
        SUM(allocated_payment) AS allocated_payments
    FROM {{ ref('fact_sales') }}
    GROUP BY order_id
)
SELECT
    orders.order_id,
    orders.order_value,
    allocated_orders.allocated_payments
FROM allocated_orders
INNER JOIN {{ ref('fact_orders') }} AS orders
    ON orders.order_id = allocated_orders.order_id
WHERE allocated_orders.allocated_payments <> orders.order_value
