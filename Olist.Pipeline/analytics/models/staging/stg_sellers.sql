-- One row per seller, cleaned per metrics.md section 2.
SELECT
    seller_id,
    seller_zip_code_prefix,
    seller_city,
    seller_state,
    _source_file,
    _line_number
FROM {{ ref('base_sellers') }}
WHERE drop_reason IS NULL
