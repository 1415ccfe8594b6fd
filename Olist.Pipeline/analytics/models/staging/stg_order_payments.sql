-- One row per payment part of a kept order.
SELECT
    order_id,
    payment_sequential,
    payment_type,
    payment_installments,
    payment_value,
    _source_file,
    _line_number
FROM {{ ref('base_order_payments') }}
WHERE drop_reason IS NULL
