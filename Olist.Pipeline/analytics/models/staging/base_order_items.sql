-- Every raw order item row, batch and live, cleaned, flagged when its product or seller is unknown, with why it is dropped
-- (NULL: kept).
{% assign item_columns = 'order_id, order_item_id, product_id, seller_id, shipping_limit_date, price, freight_value' -%}
WITH raw_rows AS (
    {{ batch_and_stream_rows(item_columns, source('raw', 'order_items'), source('raw', 'stream_order_items'), ref('stg_stream_watermark'), 'order_item_id') }}
),
source_rows AS (
    SELECT
        {{ clean_text('order_id') }} AS order_id,
        {{ clean_text('order_item_id') }} AS item_text,
        {{ clean_text('product_id') }} AS product_id,
        {{ clean_text('seller_id') }} AS seller_id,
        {{ clean_text('shipping_limit_date') }} AS shipping_limit_text,
        {{ clean_text('price') }} AS price_text,
        {{ clean_text('freight_value') }} AS freight_text,
        {{ untrimmed(item_columns) }} AS was_trimmed,
        {{ version_columns() }}
    FROM raw_rows
),
parsed_rows AS (
    SELECT
        *,
        {{ safe_cast('item_text', 'integer') }} AS order_item_id,
        {{ parse_timestamp('shipping_limit_text') }} AS shipping_limit_date,
        {{ safe_cast('price_text', 'decimal') }} AS price,
        {{ safe_cast('freight_text', 'decimal') }} AS freight_value
    FROM source_rows
),
checked_rows AS (
    SELECT
        *,
        CASE WHEN order_id IS NULL OR order_item_id IS NULL THEN 'missing_primary_id' END AS invalid_reason
    FROM parsed_rows
),
versioned_rows AS (
    SELECT
        *,
        {{ version_ranks('order_id, order_item_id') }}
    FROM checked_rows
)
SELECT
    versioned_rows.order_id,
    versioned_rows.order_item_id,
    versioned_rows.product_id,
    versioned_rows.seller_id,
    versioned_rows.shipping_limit_date,
    versioned_rows.price,
    versioned_rows.freight_value,
    products.product_id IS NULL AS is_unknown_product,
    sellers.seller_id IS NULL AS is_unknown_seller,
    versioned_rows.was_trimmed,
    CASE WHEN versioned_rows.shipping_limit_text IS NOT NULL AND versioned_rows.shipping_limit_date IS NULL THEN 1 ELSE 0 END
        AS unparseable_timestamps,
    coalesce(versioned_rows.order_id, '') || '/' || coalesce(versioned_rows.item_text, '') AS row_key,
    coalesce(
        versioned_rows.invalid_reason,
        {{ version_drop_reason('versioned_rows') }},
        CASE WHEN orders.order_id IS NULL THEN 'orphan_order' END) AS drop_reason,
    versioned_rows._source_file,
    versioned_rows._line_number
FROM versioned_rows
LEFT JOIN {{ ref('stg_orders') }} AS orders
    ON orders.order_id = versioned_rows.order_id
LEFT JOIN {{ ref('stg_products') }} AS products
    ON products.product_id = versioned_rows.product_id
LEFT JOIN {{ ref('stg_sellers') }} AS sellers
    ON sellers.seller_id = versioned_rows.seller_id
