-- metrics.md 4.2 top-products: per grain (day, month, year) and period, every sold product ranked by units desc,
-- then revenue desc, then product_id asc; the access layer keeps ranks 1..top. A period the range covers whole (each
-- of its calendar days lies in the range) has all its items in the range, so its ranks are those of
-- kpi_top_products_by_period; only the months and years the range cuts are ranked again from their items in the range,
-- grouped by product key (kpi_sales_items, whose items carry their periods' first and last calendar days), the ids read
-- back for the ranked rows.
WITH whole_periods AS (
    SELECT
        grain,
        period,
        rank,
        product_id,
        category,
        units,
        revenue
    FROM {{ ref('kpi_top_products_by_period') }}
    WHERE period_first_day >= DATE '{{ var('kpi_from') }}'
        AND period_last_day <= DATE '{{ var('kpi_to') }}'
),
sales_items AS (
    SELECT
        product_key,
        price,
        month,
        year,
        month_first_day < DATE '{{ var('kpi_from') }}' OR month_last_day > DATE '{{ var('kpi_to') }}' AS in_cut_month,
        year_first_day < DATE '{{ var('kpi_from') }}' OR year_last_day > DATE '{{ var('kpi_to') }}' AS in_cut_year
    FROM {{ ref('kpi_sales_items') }}
    WHERE product_key IS NOT NULL
        AND ds BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
cut_period_products AS (
    SELECT 'month' AS grain, month AS period, product_key, COUNT(*) AS units, SUM(price) AS revenue
    FROM sales_items
    WHERE in_cut_month
    GROUP BY month, product_key
    UNION ALL
    SELECT 'year', year, product_key, COUNT(*), SUM(price)
    FROM sales_items
    WHERE in_cut_year
    GROUP BY year, product_key
),
ranked_cut_period_products AS (
    SELECT
        grain,
        period,
        row_number() OVER (PARTITION BY grain, period ORDER BY units DESC, revenue DESC, product_key ASC) AS rank,
        product_key,
        units,
        revenue
    FROM cut_period_products
)
SELECT
    grain,
    period,
    rank,
    product_id,
    category,
    units,
    revenue
FROM whole_periods
UNION ALL
SELECT
    ranked_cut_period_products.grain,
    ranked_cut_period_products.period,
    CAST(ranked_cut_period_products.rank AS {{ type_int() }}) AS rank,
    products.product_id,
    products.category,
    CAST(ranked_cut_period_products.units AS {{ type_bigint() }}) AS units,
    CAST(ranked_cut_period_products.revenue AS DECIMAL(18, 2)) AS revenue
FROM ranked_cut_period_products
INNER JOIN {{ ref('kpi_sales_products') }} AS products
    ON products.product_key = ranked_cut_period_products.product_key
