-- One row per sales item of fact_sales with only what the KPIs a date range recomputes from items read (seller-sales,
-- top-products): the purchase day and its month and year, the price, and whole numbers for the order, seller and product
-- ids. Grouping, counting distinct and ranking tens of thousands of items on numbers takes about half the CPU it takes on
-- 32-character ids; the numbers follow the ids' order, so ordering by a key orders by its id. Each item also carries the
-- first and last calendar day of its month and year, so top-products tells the periods a range cuts by comparing columns
-- instead of grouping the calendar and joining its months and years back on every request. One item of each order and
-- seller opens it (opens_seller_order): an order's items share its purchase day, so a range holds all or none of them and
-- counting the openers counts the seller's distinct orders without a distinct count.
WITH sales_items AS (
    SELECT
        ds,
        order_id,
        seller_id,
        product_id,
        price
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
),
calendar_months AS (
    SELECT
        month,
        min(date_day) AS month_first_day,
        max(date_day) AS month_last_day
    FROM {{ ref('dim_date') }}
    GROUP BY month
),
calendar_years AS (
    SELECT
        year,
        min(date_day) AS year_first_day,
        max(date_day) AS year_last_day
    FROM {{ ref('dim_date') }}
    GROUP BY year
)
SELECT
    sales_items.ds,
    calendar.month,
    calendar.year,
    calendar_months.month_first_day,
    calendar_months.month_last_day,
    calendar_years.year_first_day,
    calendar_years.year_last_day,
    CAST(dense_rank() OVER (ORDER BY sales_items.order_id ASC) AS {{ type_int() }}) AS order_key,
    row_number() OVER (PARTITION BY sales_items.order_id, sales_items.seller_id ORDER BY sales_items.product_id, sales_items.price) = 1
        AS opens_seller_order,
    sellers.seller_key,
    products.product_key,
    sales_items.price
FROM sales_items
LEFT JOIN {{ ref('dim_date') }} AS calendar
    ON calendar.date_day = sales_items.ds
LEFT JOIN calendar_months
    ON calendar_months.month = calendar.month
LEFT JOIN calendar_years
    ON calendar_years.year = calendar.year
LEFT JOIN {{ ref('kpi_sales_sellers') }} AS sellers
    ON sellers.seller_id = sales_items.seller_id
LEFT JOIN {{ ref('kpi_sales_products') }} AS products
    ON products.product_id = sales_items.product_id
