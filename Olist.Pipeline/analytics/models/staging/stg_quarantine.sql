-- Every row the staging layer dropped, with its table, key, reason and where it came from (metrics.md rules 2, 9, 10).
WITH dropped_rows AS (
    SELECT 'customers' AS table_name, row_key, drop_reason, _source_file, _line_number
    FROM {{ ref('base_customers') }} WHERE drop_reason IS NOT NULL
    UNION ALL
    SELECT 'sellers', row_key, drop_reason, _source_file, _line_number
    FROM {{ ref('base_sellers') }} WHERE drop_reason IS NOT NULL
    UNION ALL
    SELECT 'products', row_key, drop_reason, _source_file, _line_number
    FROM {{ ref('base_products') }} WHERE drop_reason IS NOT NULL
    UNION ALL
    SELECT 'orders', row_key, drop_reason, _source_file, _line_number
    FROM {{ ref('base_orders') }} WHERE drop_reason IS NOT NULL
    UNION ALL
    SELECT 'order_items', row_key, drop_reason, _source_file, _line_number
    FROM {{ ref('base_order_items') }} WHERE drop_reason IS NOT NULL
    UNION ALL
    SELECT 'order_payments', row_key, drop_reason, _source_file, _line_number
    FROM {{ ref('base_order_payments') }} WHERE drop_reason IS NOT NULL
    UNION ALL
    SELECT 'order_reviews', row_key, drop_reason, _source_file, _line_number
    FROM {{ ref('base_order_reviews') }} WHERE drop_reason IS NOT NULL
    UNION ALL
    SELECT
        'product_category_name_translation',
        coalesce({{ clean_text('raw_translations.product_category_name') }}, ''),
        CASE WHEN {{ clean_text('raw_translations.product_category_name') }} IS NULL THEN 'missing_primary_id' ELSE 'duplicate_key' END,
        raw_translations._source_file,
        raw_translations._line_number
    FROM {{ source('raw', 'product_category_name_translation') }} AS raw_translations
    LEFT JOIN {{ ref('stg_product_category_name_translation') }} AS kept_translations
        ON kept_translations._source_file = raw_translations._source_file
        AND kept_translations._line_number = raw_translations._line_number
    WHERE kept_translations._line_number IS NULL
    UNION ALL
    SELECT 'geolocation', '', 'missing_primary_id', _source_file, _line_number
    FROM {{ source('raw', 'geolocation') }}
    WHERE {{ clean_text('geolocation_zip_code_prefix') }} IS NULL
)
SELECT
    table_name,
    row_key AS key,
    drop_reason AS reason,
    _source_file,
    _line_number
FROM dropped_rows
