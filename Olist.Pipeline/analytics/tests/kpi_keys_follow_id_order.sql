-- The keys of kpi_sales_sellers and kpi_sales_products number their ids from 1 without gaps in id order, and
-- kpi_sales_items and kpi_sales_orders hold as many keys as fact_sales and fact_orders hold ids: seller-sales and
-- top-products break ties by the key where metrics.md breaks them by the id, and count by the key what it counts by id.
WITH seller_steps AS (
    SELECT
        seller_key,
        seller_id,
        lag(seller_id) OVER (ORDER BY seller_key) AS previous_id,
        lag(seller_key) OVER (ORDER BY seller_key) AS previous_key
    FROM {{ ref('kpi_sales_sellers') }}
),
product_steps AS (
    SELECT
        product_key,
        product_id,
        lag(product_id) OVER (ORDER BY product_key) AS previous_id,
        lag(product_key) OVER (ORDER BY product_key) AS previous_key
    FROM {{ ref('kpi_sales_products') }}
),
item_counts AS (
    SELECT
        (SELECT COUNT(DISTINCT order_key) FROM {{ ref('kpi_sales_items') }}) AS order_keys,
        (SELECT COUNT(DISTINCT order_id) FROM {{ ref('fact_sales') }} WHERE is_sales_order) AS order_ids
),
customer_counts AS (
    SELECT
        (SELECT COUNT(DISTINCT customer_key) FROM {{ ref('kpi_sales_orders') }}) AS customer_keys,
        (SELECT COUNT(DISTINCT customer_unique_id) FROM {{ ref('fact_orders') }} WHERE is_sales_order) AS customer_ids
)
SELECT seller_id AS id, 'seller key out of id order' AS problem
FROM seller_steps
WHERE (previous_key IS NULL AND seller_key <> 1) OR seller_key <> previous_key + 1 OR seller_id <= previous_id
UNION ALL
SELECT product_id, 'product key out of id order'
FROM product_steps
WHERE (previous_key IS NULL AND product_key <> 1) OR product_key <> previous_key + 1 OR product_id <= previous_id
UNION ALL
SELECT CAST(order_keys AS STRING), 'order keys differ from order ids'
FROM item_counts
WHERE order_keys <> order_ids
UNION ALL
SELECT CAST(customer_keys AS STRING), 'customer keys differ from customer ids'
FROM customer_counts
WHERE customer_keys <> customer_ids
