-- One row per sales item of fact_sales with only what the KPIs a date range recomputes from items read (seller-sales,
-- top-products): the purchase day and its month and year, the price, and whole numbers for the order, seller and product
-- ids. Grouping, counting distinct and ranking tens of thousands of items on numbers takes about half the CPU it takes on
-- 32-character ids; the numbers follow the ids' order, so ordering by a key orders by its id.
WITH sales_items AS (
    SELECT
        ds,
        order_id,
        seller_id,
        product_id,
        price
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
)
SELECT
    sales_items.ds,
    calendar.month,
    calendar.year,
    CAST(dense_rank() OVER (ORDER BY sales_items.order_id ASC) AS {{ type_int() }}) AS order_key,
    sellers.seller_key,
    products.product_key,
    sales_items.price
FROM sales_items
LEFT JOIN {{ ref('dim_date') }} AS calendar
    ON calendar.date_day = sales_items.ds
LEFT JOIN {{ ref('kpi_sales_sellers') }} AS sellers
    ON sellers.seller_id = sales_items.seller_id
LEFT JOIN {{ ref('kpi_sales_products') }} AS products
    ON products.product_id = sales_items.product_id
