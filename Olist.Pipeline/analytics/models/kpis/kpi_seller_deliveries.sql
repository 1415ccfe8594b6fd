-- One row per delivered order (delivery not before purchase) and distinct seller of its items, with what delivery-times
-- recomputes for a date range: the purchase day, the seller's key (kpi_sales_sellers), whole seconds from purchase to
-- delivery and whether it came after the estimated day. The join of items to orders and their deduplication happen once
-- here instead of in every ranged query, and sellers are grouped by number instead of by 32-character id.
WITH delivered_orders AS (
    SELECT
        order_id,
        purchase_date,
        {{ date_diff_seconds('order_delivered_customer_date', 'order_purchase_timestamp') }} AS delivery_seconds,
        CAST(order_delivered_customer_date AS DATE) > CAST(order_estimated_delivery_date AS DATE) AS is_late
    FROM {{ ref('fact_orders') }}
    WHERE order_status = 'delivered'
        AND order_delivered_customer_date IS NOT NULL
        AND order_delivered_customer_date >= order_purchase_timestamp
),
seller_orders AS (
    SELECT DISTINCT
        seller_id,
        order_id
    FROM {{ ref('fact_sales') }}
    WHERE seller_id IS NOT NULL
        AND order_status = 'delivered'
)
SELECT
    delivered_orders.purchase_date,
    sellers.seller_key,
    delivered_orders.delivery_seconds,
    delivered_orders.is_late
FROM seller_orders
INNER JOIN delivered_orders
    ON delivered_orders.order_id = seller_orders.order_id
LEFT JOIN {{ ref('kpi_sales_sellers') }} AS sellers
    ON sellers.seller_id = seller_orders.seller_id
