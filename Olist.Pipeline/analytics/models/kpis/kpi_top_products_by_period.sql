-- Every sold product ranked within each day, month and year of history as metrics.md 4.2 orders them, with the first
-- and last calendar day of the period: kpi_top_products takes the ranks of the periods a range covers whole from here.
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
),
period_days AS (
    SELECT 'day' AS grain, day AS period, date_day AS period_first_day, date_day AS period_last_day
    FROM {{ ref('dim_date') }}
    UNION ALL
    SELECT 'month', month, min(date_day), max(date_day)
    FROM {{ ref('dim_date') }}
    GROUP BY month
    UNION ALL
    SELECT 'year', year, min(date_day), max(date_day)
    FROM {{ ref('dim_date') }}
    GROUP BY year
)
SELECT
    period_products.grain,
    period_products.period,
    period_days.period_first_day,
    period_days.period_last_day,
    CAST(row_number() OVER (
        PARTITION BY period_products.grain, period_products.period
        ORDER BY period_products.units DESC, period_products.revenue DESC, period_products.product_id ASC) AS {{ type_int() }}) AS rank,
    period_products.product_id,
    period_products.product_category AS category,
    CAST(period_products.units AS {{ type_bigint() }}) AS units,
    CAST(period_products.revenue AS DECIMAL(18, 2)) AS revenue
FROM period_products
INNER JOIN period_days
    ON period_days.grain = period_products.grain
    AND period_days.period = period_products.period
