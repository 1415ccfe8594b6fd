-- Every raw order item row, batch and live, cleaned, flagged when its product or seller is unknown, with why it is dropped
-- (NULL: kept).
{% capture typed_columns -%}
    {{ safe_cast('item_text', 'integer') }} AS order_item_id,
    {{ parse_timestamp('shipping_limit_text') }} AS shipping_limit_date,
    {{ safe_cast('price_text', 'decimal') }} AS price,
    {{ safe_cast('freight_text', 'decimal') }} AS freight_value
{%- endcapture -%}
WITH {{ live_base_rows(
    columns = 'order_id, order_item_id AS item_text, product_id, seller_id, shipping_limit_date AS shipping_limit_text,
        price AS price_text, freight_value AS freight_text',
    key = 'order_id, order_item_id',
    batch = source('raw', 'order_items'),
    stream = source('raw', 'stream_order_items'), watermark = ref('stg_stream_watermark'), position = 'order_item_id',
    typed = typed_columns) }}
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
