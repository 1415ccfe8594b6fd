-- Every raw payment row, cleaned, with why it is dropped (NULL: kept).
WITH source_rows AS (
    -- Live stream hook: when raw.stream_order_payments exists, UNION ALL its rows here, ordered after every batch row.
    SELECT
        {{ clean_text('order_id') }} AS order_id,
        {{ clean_text('payment_sequential') }} AS sequential_text,
        {{ clean_text('payment_type') }} AS type_text,
        {{ clean_text('payment_installments') }} AS installments_text,
        {{ clean_text('payment_value') }} AS value_text,
        {{ untrimmed('order_id, payment_sequential, payment_type, payment_installments, payment_value') }} AS was_trimmed,
        _source_file,
        _line_number
    FROM {{ source('raw', 'order_payments') }}
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
        row_number() OVER (
            PARTITION BY order_id, payment_sequential, invalid_reason IS NULL
            ORDER BY _source_file DESC, _line_number DESC) AS version_rank
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
        CASE WHEN versioned_rows.version_rank > 1 THEN 'duplicate_key' END,
        CASE WHEN orders.order_id IS NULL THEN 'orphan_order' END) AS drop_reason,
    versioned_rows._source_file,
    versioned_rows._line_number
FROM versioned_rows
LEFT JOIN {{ ref('stg_orders') }} AS orders
    ON orders.order_id = versioned_rows.order_id
