-- Every raw product row, cleaned and translated, with what the cleaning changed and why the row is dropped (NULL: kept).
{% capture typed_columns -%}
    {{ safe_cast('product_name_length_text', 'integer') }} AS product_name_length,
    {{ safe_cast('product_description_length_text', 'integer') }} AS product_description_length,
    {{ safe_cast('product_photos_qty_text', 'integer') }} AS product_photos_qty,
    {{ safe_cast('product_weight_g_text', 'integer') }} AS product_weight_g,
    {{ safe_cast('product_length_cm_text', 'integer') }} AS product_length_cm,
    {{ safe_cast('product_height_cm_text', 'integer') }} AS product_height_cm,
    {{ safe_cast('product_width_cm_text', 'integer') }} AS product_width_cm
{%- endcapture -%}
WITH {{ base_rows(
    columns = 'product_id, product_category_name, product_name_lenght AS product_name_length_text,
        product_description_lenght AS product_description_length_text, product_photos_qty AS product_photos_qty_text,
        product_weight_g AS product_weight_g_text, product_length_cm AS product_length_cm_text,
        product_height_cm AS product_height_cm_text, product_width_cm AS product_width_cm_text',
    key = 'product_id',
    batch = source('raw', 'products'),
    typed = typed_columns) }}
SELECT
    versioned_rows.product_id,
    versioned_rows.product_category_name,
    coalesce(translations.product_category_name_english, versioned_rows.product_category_name, 'unknown') AS product_category,
    versioned_rows.product_name_length,
    versioned_rows.product_description_length,
    versioned_rows.product_photos_qty,
    versioned_rows.product_weight_g,
    versioned_rows.product_length_cm,
    versioned_rows.product_height_cm,
    versioned_rows.product_width_cm,
    versioned_rows.was_trimmed,
    versioned_rows.product_category_name IS NULL AS category_missing,
    versioned_rows.product_category_name IS NOT NULL AND translations.product_category_name IS NULL AS category_untranslated,
    coalesce(versioned_rows.product_id, '') AS row_key,
    coalesce(versioned_rows.invalid_reason, CASE WHEN versioned_rows.version_rank > 1 THEN 'duplicate_key' END) AS drop_reason,
    versioned_rows._source_file,
    versioned_rows._line_number
FROM versioned_rows
LEFT JOIN {{ ref('stg_product_category_name_translation') }} AS translations
    ON translations.product_category_name = versioned_rows.product_category_name
