-- metrics.md 4.2 top-products: per grain (day, month, year) and period, every sold product ranked by units desc,
-- then revenue desc, then product_id asc; the access layer keeps ranks 1..top. A period the range covers whole (each
-- of its calendar days lies in the range) has all its items in the range, so its ranks are those of
-- kpi_top_products_by_period; only the months and years the range cuts are ranked again from their items in the range.
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
cut_months AS (
    SELECT month
    FROM {{ ref('dim_date') }}
    GROUP BY month
    HAVING min(date_day) < DATE '{{ var('kpi_from') }}' OR max(date_day) > DATE '{{ var('kpi_to') }}'
),
cut_years AS (
    SELECT year
    FROM {{ ref('dim_date') }}
    GROUP BY year
    HAVING min(date_day) < DATE '{{ var('kpi_from') }}' OR max(date_day) > DATE '{{ var('kpi_to') }}'
),
sales_items AS (
    SELECT
        sales.product_id,
        sales.product_category,
        sales.price,
        calendar.month,
        calendar.year
    FROM {{ ref('fact_sales') }} AS sales
    INNER JOIN {{ ref('dim_date') }} AS calendar
        ON calendar.date_day = sales.ds
    WHERE sales.is_sales_order
        AND sales.product_id IS NOT NULL
        AND sales.ds BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
cut_period_products AS (
    SELECT 'month' AS grain, month AS period, product_id, product_category, COUNT(*) AS units, SUM(price) AS revenue
    FROM sales_items
    WHERE month IN (SELECT month FROM cut_months)
    GROUP BY month, product_id, product_category
    UNION ALL
    SELECT 'year', year, product_id, product_category, COUNT(*), SUM(price)
    FROM sales_items
    WHERE year IN (SELECT year FROM cut_years)
    GROUP BY year, product_id, product_category
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
    grain,
    period,
    CAST(row_number() OVER (PARTITION BY grain, period ORDER BY units DESC, revenue DESC, product_id ASC) AS {{ type_int() }}) AS rank,
    product_id,
    product_category AS category,
    CAST(units AS {{ type_bigint() }}) AS units,
    CAST(revenue AS DECIMAL(18, 2)) AS revenue
FROM cut_period_products
