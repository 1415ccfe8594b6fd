-- The keys of kpi_sales_sellers and kpi_sales_products number their ids from 1 without gaps in id order, and the order
-- and customer keys of kpi_sales_items and kpi_sales_orders run from 1 without gaps: seller-sales and top-products break
-- ties by the key where metrics.md breaks them by the id. Only the kpi tables are read, so a day's rebuild of the marts
-- (whose tests run on the audited day before the KPIs are rebuilt) does not compare them with other relations.
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
order_keys AS (
    SELECT
        count(DISTINCT order_key) AS keys,
        min(order_key) AS first_key,
        max(order_key) AS last_key
    FROM {{ ref('kpi_sales_items') }}
),
customer_keys AS (
    SELECT
        count(DISTINCT customer_key) AS keys,
        min(customer_key) AS first_key,
        max(customer_key) AS last_key
    FROM {{ ref('kpi_sales_orders') }}
)
SELECT seller_id AS id, 'seller key out of id order' AS problem
FROM seller_steps
WHERE (previous_key IS NULL AND seller_key <> 1) OR seller_key <> previous_key + 1 OR seller_id <= previous_id
UNION ALL
SELECT product_id, 'product key out of id order'
FROM product_steps
WHERE (previous_key IS NULL AND product_key <> 1) OR product_key <> previous_key + 1 OR product_id <= previous_id
UNION ALL
SELECT CAST(last_key AS STRING), 'order keys have gaps'
FROM order_keys
WHERE keys > 0 AND (first_key <> 1 OR last_key <> keys)
UNION ALL
SELECT CAST(last_key AS STRING), 'customer keys have gaps'
FROM customer_keys
WHERE keys > 0 AND (first_key <> 1 OR last_key <> keys)
