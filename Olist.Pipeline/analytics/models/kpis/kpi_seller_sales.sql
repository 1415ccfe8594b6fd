-- metrics.md 4.3 seller-sales: one row per seller with at least one sales item, ranked by revenue desc, then seller_id.
-- Items are grouped by their sellers' and products' keys (kpi_sales_items); the ids come back for the result rows only.
-- The best product is taken in the aggregation per seller (first_by) rather than by ranking every seller's products with
-- a window: a quarter less CPU over a year's range. Its units are the seller's most units of any product.
WITH sales_items AS (
    SELECT
        seller_key,
        opens_seller_order,
        product_key,
        price
    FROM {{ ref('kpi_sales_items') }}
    WHERE seller_key IS NOT NULL
        AND ds BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
seller_totals AS (
    SELECT
        seller_key,
        COUNT(CASE WHEN opens_seller_order THEN 1 END) AS orders,
        COUNT(*) AS units,
        SUM(price) AS revenue
    FROM sales_items
    GROUP BY seller_key
),
seller_products AS (
    SELECT
        seller_key,
        product_key,
        COUNT(*) AS units,
        SUM(price) AS revenue
    FROM sales_items
    WHERE product_key IS NOT NULL
    GROUP BY seller_key, product_key
),
best_products AS (
    SELECT
        seller_key,
        {{ first_by('product_key', 'units DESC, revenue DESC, product_key ASC') }} AS product_key,
        max(units) AS units
    FROM seller_products
    GROUP BY seller_key
)
SELECT
    CAST(row_number() OVER (ORDER BY seller_totals.revenue DESC, sellers.seller_id ASC) AS {{ type_int() }}) AS rank,
    sellers.seller_id,
    sellers.seller_state,
    sellers.seller_city,
    CAST(seller_totals.orders AS {{ type_bigint() }}) AS orders,
    CAST(seller_totals.units AS {{ type_bigint() }}) AS units,
    CAST(seller_totals.revenue AS DECIMAL(18, 2)) AS revenue,
    products.product_id AS best_product_id,
    CAST(best_products.units AS {{ type_bigint() }}) AS best_product_units
FROM seller_totals
INNER JOIN {{ ref('kpi_sales_sellers') }} AS sellers
    ON sellers.seller_key = seller_totals.seller_key
LEFT JOIN best_products
    ON best_products.seller_key = seller_totals.seller_key
LEFT JOIN {{ ref('kpi_sales_products') }} AS products
    ON products.product_key = best_products.product_key
