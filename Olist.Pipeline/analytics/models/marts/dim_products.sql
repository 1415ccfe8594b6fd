-- One row per product: the product table, plus an inferred row (category unknown) for each unknown product an item names.
WITH known_products AS (
    SELECT
        product_id,
        product_category,
        product_category_name,
        product_name_length,
        product_description_length,
        product_photos_qty,
        product_weight_g,
        product_length_cm,
        product_height_cm,
        product_width_cm,
        TRUE AS is_known
    FROM {{ ref('stg_products') }}
),
unknown_products AS (
    SELECT DISTINCT product_id
    FROM {{ ref('stg_order_items') }}
    WHERE is_unknown_product
        AND product_id IS NOT NULL
)
SELECT * FROM known_products
UNION ALL
SELECT
    product_id,
    'unknown' AS product_category,
    CAST(NULL AS STRING) AS product_category_name,
    CAST(NULL AS {{ type_bigint() }}) AS product_name_length,
    CAST(NULL AS {{ type_bigint() }}) AS product_description_length,
    CAST(NULL AS {{ type_bigint() }}) AS product_photos_qty,
    CAST(NULL AS {{ type_bigint() }}) AS product_weight_g,
    CAST(NULL AS {{ type_bigint() }}) AS product_length_cm,
    CAST(NULL AS {{ type_bigint() }}) AS product_height_cm,
    CAST(NULL AS {{ type_bigint() }}) AS product_width_cm,
    FALSE AS is_known
FROM unknown_products
