-- One row per customer_id (the customer record of one order), cleaned per metrics.md section 2.
SELECT
    customer_id,
    customer_unique_id,
    customer_zip_code_prefix,
    customer_city,
    customer_state,
    _source_file,
    _line_number
FROM {{ ref('base_customers') }}
WHERE drop_reason IS NULL
