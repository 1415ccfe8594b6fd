-- One row per order item (one unit) of a kept order; unknown products or sellers are kept and flagged.
SELECT
    order_id,
    order_item_id,
    product_id,
    seller_id,
    shipping_limit_date,
    price,
    freight_value,
    is_unknown_product,
    is_unknown_seller,
    _source_file,
    _line_number
FROM {{ ref('base_order_items') }}
WHERE drop_reason IS NULL
