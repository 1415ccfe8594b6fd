-- Every raw seller row, cleaned, with what the cleaning changed and why the row is dropped (NULL: kept).
WITH {{ base_rows(
    columns = 'seller_id, seller_zip_code_prefix AS zip_text, seller_city AS city_text, seller_state AS state_text',
    key = 'seller_id',
    batch = source('raw', 'sellers')) }}
SELECT
    seller_id,
    lpad(zip_text, 5, '0') AS seller_zip_code_prefix,
    {{ normalize_city('city_text') }} AS seller_city,
    upper(state_text) AS seller_state,
    was_trimmed,
    coalesce(length(zip_text) < 5, FALSE) AS zip_padded,
    coalesce(city_text <> {{ normalize_city('city_text') }}, FALSE) AS city_normalized,
    coalesce(state_text <> upper(state_text), FALSE) AS state_upper_cased,
    coalesce(seller_id, '') AS row_key,
    coalesce(invalid_reason, CASE WHEN version_rank > 1 THEN 'duplicate_key' END) AS drop_reason,
    _source_file,
    _line_number
FROM versioned_rows
