-- One row per Portuguese category name with its English name; the last row in file order wins.
WITH source_rows AS (
    SELECT
        {{ clean_text('product_category_name') }} AS product_category_name,
        {{ clean_text('product_category_name_english') }} AS product_category_name_english,
        _source_file,
        _line_number
    FROM {{ source('raw', 'product_category_name_translation') }}
)
SELECT
    product_category_name,
    product_category_name_english,
    _source_file,
    _line_number
FROM source_rows
WHERE product_category_name IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY product_category_name
    ORDER BY _source_file DESC, _line_number DESC) = 1
