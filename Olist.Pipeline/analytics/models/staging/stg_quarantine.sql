-- Every row the staging layer dropped, with its table, key, reason and where it came from (metrics.md rules 2, 9, 10).
{%- macro dropped_rows(table_name, relation) -%}
SELECT '{{ table_name }}' AS table_name, row_key, drop_reason, _source_file, _line_number FROM {{ relation }} WHERE drop_reason IS NOT NULL
{%- endmacro %}
WITH dropped_rows AS (
    {{ dropped_rows('customers', ref('base_customers')) }}
    UNION ALL {{ dropped_rows('sellers', ref('base_sellers')) }}
    UNION ALL {{ dropped_rows('products', ref('base_products')) }}
    UNION ALL {{ dropped_rows('orders', ref('base_orders')) }}
    UNION ALL {{ dropped_rows('order_items', ref('base_order_items')) }}
    UNION ALL {{ dropped_rows('order_payments', ref('base_order_payments')) }}
    UNION ALL {{ dropped_rows('order_reviews', ref('base_order_reviews')) }}
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
