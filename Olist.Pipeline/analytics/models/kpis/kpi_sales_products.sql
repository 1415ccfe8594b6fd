-- The products of sales items, numbered in product_id order: kpi_sales_items carries the number (product_key) in place of
-- the 32-character id, and a KPI that groups items by product reads the id and category back from here for its result rows.
WITH item_products AS (
    SELECT DISTINCT
        product_id,
        product_category
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
        AND product_id IS NOT NULL
)
SELECT
    CAST(row_number() OVER (ORDER BY product_id ASC) AS {{ type_int() }}) AS product_key,
    product_id,
    product_category AS category
FROM item_products
