-- The sellers of sales items, numbered in seller_id order: kpi_sales_items carries the number (seller_key) in place of the
-- 32-character id, and a KPI that groups items by seller reads the id and location back from here for its result rows.
WITH item_sellers AS (
    SELECT DISTINCT
        seller_id,
        seller_state,
        seller_city
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
        AND seller_id IS NOT NULL
)
SELECT
    CAST(row_number() OVER (ORDER BY seller_id ASC) AS {{ type_int() }}) AS seller_key,
    seller_id,
    seller_state,
    seller_city
FROM item_sellers
