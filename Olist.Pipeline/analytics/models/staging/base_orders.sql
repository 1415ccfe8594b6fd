-- Every raw order row, batch and live, cleaned, with what the cleaning changed and why the row is dropped (NULL: kept).
-- A live status change is a stream row with the order's full state (timestamps already in local time), so the
-- newest version of an order, by the rule of macros/versions.liquid, is the order.
{% capture typed_columns -%}
    lower(status_text) AS order_status,
    {{ parse_timestamp('purchase_text') }} AS order_purchase_timestamp,
    {{ parse_timestamp('approved_text') }} AS order_approved_at,
    {{ parse_timestamp('carrier_text') }} AS order_delivered_carrier_date,
    {{ parse_timestamp('customer_delivery_text') }} AS order_delivered_customer_date,
    {{ parse_timestamp('estimate_text') }} AS order_estimated_delivery_date
{%- endcapture -%}
{% capture row_checks -%}
    WHEN order_status IS NULL THEN 'missing_order_status'
    WHEN order_purchase_timestamp IS NULL THEN 'unparseable_purchase_timestamp'
{%- endcapture -%}
WITH {{ live_base_rows(
    columns = 'order_id, customer_id, order_status AS status_text, order_purchase_timestamp AS purchase_text,
        order_approved_at AS approved_text, order_delivered_carrier_date AS carrier_text,
        order_delivered_customer_date AS customer_delivery_text, order_estimated_delivery_date AS estimate_text',
    key = 'order_id',
    batch = source('raw', 'orders'),
    stream = source('raw', 'stream_orders'), watermark = ref('stg_stream_watermark'), position = '1',
    typed = typed_columns,
    checks = row_checks) }}
SELECT
    versioned_rows.order_id,
    versioned_rows.customer_id,
    versioned_rows.order_status,
    versioned_rows.order_purchase_timestamp,
    versioned_rows.order_approved_at,
    versioned_rows.order_delivered_carrier_date,
    versioned_rows.order_delivered_customer_date,
    versioned_rows.order_estimated_delivery_date,
    versioned_rows.was_trimmed,
    coalesce(versioned_rows.status_text <> versioned_rows.order_status, FALSE) AS status_lower_cased,
    CASE WHEN versioned_rows.approved_text IS NOT NULL AND versioned_rows.order_approved_at IS NULL THEN 1 ELSE 0 END
        + CASE WHEN versioned_rows.carrier_text IS NOT NULL AND versioned_rows.order_delivered_carrier_date IS NULL THEN 1 ELSE 0 END
        + CASE WHEN versioned_rows.customer_delivery_text IS NOT NULL AND versioned_rows.order_delivered_customer_date IS NULL THEN 1 ELSE 0 END
        + CASE WHEN versioned_rows.estimate_text IS NOT NULL AND versioned_rows.order_estimated_delivery_date IS NULL THEN 1 ELSE 0 END
        AS unparseable_timestamps,
    coalesce(versioned_rows.order_id, '') AS row_key,
    coalesce(
        versioned_rows.invalid_reason,
        {{ version_drop_reason('versioned_rows') }},
        CASE WHEN customers.customer_id IS NULL THEN 'orphan_customer' END) AS drop_reason,
    versioned_rows._source_file,
    versioned_rows._line_number
FROM versioned_rows
LEFT JOIN {{ ref('stg_customers') }} AS customers
    ON customers.customer_id = versioned_rows.customer_id
