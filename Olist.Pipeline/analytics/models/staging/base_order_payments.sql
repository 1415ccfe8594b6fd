-- Every raw payment row, batch and live, cleaned, with why it is dropped (NULL: kept).
{% capture typed_columns -%}
    {{ safe_cast('sequential_text', 'integer') }} AS payment_sequential,
    lower(type_text) AS payment_type,
    {{ safe_cast('installments_text', 'integer') }} AS payment_installments,
    {{ safe_cast('value_text', 'decimal') }} AS payment_value
{%- endcapture -%}
WITH {{ live_base_rows(
    columns = 'order_id, payment_sequential AS sequential_text, payment_type AS type_text,
        payment_installments AS installments_text, payment_value AS value_text',
    key = 'order_id, payment_sequential',
    batch = source('raw', 'order_payments'),
    stream = source('raw', 'stream_order_payments'), watermark = ref('stg_stream_watermark'), position = 'payment_sequential',
    typed = typed_columns) }}
SELECT
    versioned_rows.order_id,
    versioned_rows.payment_sequential,
    versioned_rows.payment_type,
    versioned_rows.payment_installments,
    versioned_rows.payment_value,
    versioned_rows.was_trimmed,
    coalesce(versioned_rows.order_id, '') || '/' || coalesce(versioned_rows.sequential_text, '') AS row_key,
    coalesce(
        versioned_rows.invalid_reason,
        {{ version_drop_reason('versioned_rows') }},
        CASE WHEN orders.order_id IS NULL THEN 'orphan_order' END) AS drop_reason,
    versioned_rows._source_file,
    versioned_rows._line_number
FROM versioned_rows
LEFT JOIN {{ ref('stg_orders') }} AS orders
    ON orders.order_id = versioned_rows.order_id
