-- Every raw customer row, batch and live (new customers of live orders), cleaned, with what the cleaning changed and why
-- the row is dropped (NULL: kept).
{% assign customer_columns = 'customer_id, customer_unique_id, customer_zip_code_prefix, customer_city, customer_state' -%}
WITH raw_rows AS (
    {{ batch_and_stream_rows(customer_columns, source('raw', 'customers'), source('raw', 'stream_customers'), ref('stg_stream_watermark'), '1') }}
),
source_rows AS (
    SELECT
        {{ clean_text('customer_id') }} AS customer_id,
        {{ clean_text('customer_unique_id') }} AS customer_unique_id,
        {{ clean_text('customer_zip_code_prefix') }} AS zip_text,
        {{ clean_text('customer_city') }} AS city_text,
        {{ clean_text('customer_state') }} AS state_text,
        {{ untrimmed(customer_columns) }} AS was_trimmed,
        {{ version_columns() }}
    FROM raw_rows
),
checked_rows AS (
    SELECT
        *,
        CASE WHEN customer_id IS NULL THEN 'missing_primary_id' END AS invalid_reason
    FROM source_rows
),
versioned_rows AS (
    SELECT
        *,
        {{ version_ranks('customer_id') }}
    FROM checked_rows
)
SELECT
    customer_id,
    customer_unique_id,
    lpad(zip_text, 5, '0') AS customer_zip_code_prefix,
    {{ normalize_city('city_text') }} AS customer_city,
    upper(state_text) AS customer_state,
    was_trimmed,
    coalesce(length(zip_text) < 5, FALSE) AS zip_padded,
    coalesce(city_text <> {{ normalize_city('city_text') }}, FALSE) AS city_normalized,
    coalesce(state_text <> upper(state_text), FALSE) AS state_upper_cased,
    coalesce(customer_id, '') AS row_key,
    coalesce(invalid_reason, {{ version_drop_reason('versioned_rows') }}) AS drop_reason,
    _source_file,
    _line_number
FROM versioned_rows
