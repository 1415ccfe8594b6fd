-- One row per seller with its location (and the zip prefix's coordinates), plus an inferred row without location
-- for each unknown seller an item names.
WITH known_sellers AS (
    SELECT
        sellers.seller_id,
        sellers.seller_zip_code_prefix,
        sellers.seller_city,
        sellers.seller_state,
        geolocation.latitude AS seller_latitude,
        geolocation.longitude AS seller_longitude,
        TRUE AS is_known
    FROM {{ ref('stg_sellers') }} AS sellers
    LEFT JOIN {{ ref('stg_geolocation') }} AS geolocation
        ON geolocation.zip_code_prefix = sellers.seller_zip_code_prefix
),
unknown_sellers AS (
    SELECT DISTINCT seller_id
    FROM {{ ref('stg_order_items') }}
    WHERE is_unknown_seller
        AND seller_id IS NOT NULL
)
SELECT * FROM known_sellers
UNION ALL
SELECT
    seller_id,
    CAST(NULL AS STRING) AS seller_zip_code_prefix,
    CAST(NULL AS STRING) AS seller_city,
    CAST(NULL AS STRING) AS seller_state,
    CAST(NULL AS {{ type_double() }}) AS seller_latitude,
    CAST(NULL AS {{ type_double() }}) AS seller_longitude,
    FALSE AS is_known
FROM unknown_sellers
