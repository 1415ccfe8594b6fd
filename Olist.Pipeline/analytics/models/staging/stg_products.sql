-- One row per product, cleaned per metrics.md section 2, with its English category (or the fallbacks of rule 7).
SELECT
    product_id,
    product_category_name,
    product_category,
    product_name_length,
    product_description_length,
    product_photos_qty,
    product_weight_g,
    product_length_cm,
    product_height_cm,
    product_width_cm,
    _source_file,
    _line_number
FROM {{ ref('base_products') }}
WHERE drop_reason IS NULL
