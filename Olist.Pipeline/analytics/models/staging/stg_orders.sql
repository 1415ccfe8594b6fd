-- One row per order, cleaned per metrics.md section 2; orders without a customer are in stg_quarantine.
SELECT
    order_id,
    customer_id,
    order_status,
    order_purchase_timestamp,
    order_approved_at,
    order_delivered_carrier_date,
    order_delivered_customer_date,
    order_estimated_delivery_date,
    _source_file,
    _line_number
FROM {{ ref('base_orders') }}
WHERE drop_reason IS NULL
