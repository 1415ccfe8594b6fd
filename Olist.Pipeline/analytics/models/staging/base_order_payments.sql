-- Every raw payment row, batch and live, cleaned, with why it is dropped (NULL: kept).
{% assign payment_columns = 'order_id, payment_sequential, payment_type, payment_installments, payment_value' -%}
WITH raw_rows AS (
    {{ batch_and_stream_rows(payment_columns, source('raw', 'order_payments'), source('raw', 'stream_order_payments'), ref('stg_stream_watermark'), 'payment_sequential') }}
),
source_rows AS (
    SELECT
        {{ clean_text('order_id') }} AS order_id,
        {{ clean_text('payment_sequential') }} AS sequential_text,
        {{ clean_text('payment_type') }} AS type_text,
        {{ clean_text('payment_installments') }} AS installments_text,
        {{ clean_text('payment_value') }} AS value_text,
        {{ untrimmed(payment_columns) }} AS was_trimmed,
        {{ version_columns() }}
    FROM raw_rows
),
parsed_rows AS (
    SELECT
        *,
        {{ safe_cast('sequential_text', 'integer') }} AS payment_sequential,
        lower(type_text) AS payment_type,
        {{ safe_cast('installments_text', 'integer') }} AS payment_installments,
        {{ safe_cast('value_text', 'decimal') }} AS payment_value
    FROM source_rows
),
checked_rows AS (
    SELECT
        *,
        CASE WHEN order_id IS NULL OR payment_sequential IS NULL THEN 'missing_primary_id' END AS invalid_reason
    FROM parsed_rows
),
versioned_rows AS (
    SELECT
        *,
        {{ version_ranks('order_id, payment_sequential') }}
    FROM checked_rows
)
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
