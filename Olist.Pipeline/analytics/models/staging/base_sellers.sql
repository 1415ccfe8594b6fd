-- Every raw seller row, cleaned, with what the cleaning changed and why the row is dropped (NULL: kept).
WITH source_rows AS (
    SELECT
        {{ clean_text('seller_id') }} AS seller_id,
        {{ clean_text('seller_zip_code_prefix') }} AS zip_text,
        {{ clean_text('seller_city') }} AS city_text,
        {{ clean_text('seller_state') }} AS state_text,
        {{ untrimmed('seller_id, seller_zip_code_prefix, seller_city, seller_state') }} AS was_trimmed,
        _source_file,
        _line_number
    FROM {{ source('raw', 'sellers') }}
),
checked_rows AS (
    SELECT
        *,
        CASE WHEN seller_id IS NULL THEN 'missing_primary_id' END AS invalid_reason
    FROM source_rows
),
versioned_rows AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY seller_id, invalid_reason IS NULL
            ORDER BY _source_file DESC, _line_number DESC) AS version_rank
    FROM checked_rows
)
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
