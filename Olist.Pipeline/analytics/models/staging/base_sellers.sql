-- Every raw seller row, cleaned, with what the cleaning changed and why the row is dropped (NULL: kept).
WITH {{ base_rows(
    columns = 'seller_id, seller_zip_code_prefix AS zip_text, seller_city AS city_text, seller_state AS state_text',
    key = 'seller_id',
    batch = source('raw', 'sellers')) }}
SELECT
    seller_id,
    {{ address_columns('seller') }},
    coalesce(seller_id, '') AS row_key,
    coalesce(invalid_reason, CASE WHEN version_rank > 1 THEN 'duplicate_key' END) AS drop_reason,
    _source_file,
    _line_number
FROM versioned_rows
