-- Every raw customer row, batch and live (new customers of live orders), cleaned, with what the cleaning changed and why
-- the row is dropped (NULL: kept).
WITH {{ live_base_rows(
    columns = 'customer_id, customer_unique_id, customer_zip_code_prefix AS zip_text, customer_city AS city_text,
        customer_state AS state_text',
    key = 'customer_id',
    batch = source('raw', 'customers'),
    stream = source('raw', 'stream_customers'), watermark = ref('stg_stream_watermark'), position = '1') }}
SELECT
    customer_id,
    customer_unique_id,
    {{ address_columns('customer') }},
    coalesce(customer_id, '') AS row_key,
    coalesce(invalid_reason, {{ version_drop_reason('versioned_rows') }}) AS drop_reason,
    _source_file,
    _line_number
FROM versioned_rows
