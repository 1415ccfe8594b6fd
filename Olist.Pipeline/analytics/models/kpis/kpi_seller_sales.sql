-- metrics.md 4.3 seller-sales: one row per seller with at least one sales item, ranked by revenue desc, then seller_id.
WITH sales_items AS (
    SELECT
        seller_id,
        seller_state,
        seller_city,
        order_id,
        product_id,
        price
    FROM {{ ref('fact_sales') }}
    WHERE is_sales_order
        AND seller_id IS NOT NULL
        AND ds BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
seller_totals AS (
    SELECT
        seller_id,
        seller_state,
        seller_city,
        COUNT(DISTINCT order_id) AS orders,
        COUNT(*) AS units,
        SUM(price) AS revenue
    FROM sales_items
    GROUP BY seller_id, seller_state, seller_city
),
ranked_seller_products AS (
    SELECT
        seller_id,
        product_id,
        COUNT(*) AS units,
        row_number() OVER (PARTITION BY seller_id ORDER BY COUNT(*) DESC, SUM(price) DESC, product_id ASC) AS product_rank
    FROM sales_items
    WHERE product_id IS NOT NULL
    GROUP BY seller_id, product_id
)
SELECT
    CAST(row_number() OVER (ORDER BY seller_totals.revenue DESC, seller_totals.seller_id ASC) AS {{ type_int() }}) AS rank,
    seller_totals.seller_id,
    seller_totals.seller_state,
    seller_totals.seller_city,
    CAST(seller_totals.orders AS {{ type_bigint() }}) AS orders,
    CAST(seller_totals.units AS {{ type_bigint() }}) AS units,
    CAST(seller_totals.revenue AS DECIMAL(18, 2)) AS revenue,
    best_products.product_id AS best_product_id,
    CAST(best_products.units AS {{ type_bigint() }}) AS best_product_units
FROM seller_totals
LEFT JOIN ranked_seller_products AS best_products
    ON best_products.seller_id = seller_totals.seller_id
    AND best_products.product_rank = 1
