-- metrics.md 4.2 top-products: per grain (day, month, year) and period, every sold product ranked by units desc,
-- then revenue desc, then product_id asc; the access layer keeps ranks 1..top.
WITH sales_items AS (
    SELECT
        sales.product_id,
        sales.product_category,
        sales.price,
        calendar.day,
        calendar.month,
        calendar.year
    FROM {{ ref('fact_sales') }} AS sales
    INNER JOIN {{ ref('dim_date') }} AS calendar
        ON calendar.date_day = sales.ds
    WHERE sales.is_sales_order
        AND sales.product_id IS NOT NULL
        AND sales.ds BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
period_products AS (
    SELECT 'day' AS grain, day AS period, product_id, product_category, COUNT(*) AS units, SUM(price) AS revenue
    FROM sales_items
    GROUP BY day, product_id, product_category
    UNION ALL
    SELECT 'month', month, product_id, product_category, COUNT(*), SUM(price)
    FROM sales_items
    GROUP BY month, product_id, product_category
    UNION ALL
    SELECT 'year', year, product_id, product_category, COUNT(*), SUM(price)
    FROM sales_items
    GROUP BY year, product_id, product_category
)
SELECT
    grain,
    period,
    CAST(row_number() OVER (PARTITION BY grain, period ORDER BY units DESC, revenue DESC, product_id ASC) AS {{ type_int() }}) AS rank,
    product_id,
    product_category AS category,
    CAST(units AS {{ type_bigint() }}) AS units,
    CAST(revenue AS DECIMAL(18, 2)) AS revenue
FROM period_products
