-- metrics.md 4.4 sales-trends: per grain (day, week, month) one row per period from the first to the last period
-- with a sales order, gaps as zeros.
WITH sales_orders AS (
    SELECT
        orders.purchase_date,
        orders.item_revenue,
        orders.freight,
        orders.order_value,
        calendar.day,
        calendar.week,
        calendar.month
    FROM {{ ref('fact_orders') }} AS orders
    INNER JOIN {{ ref('dim_date') }} AS calendar
        ON calendar.date_day = orders.purchase_date
    WHERE orders.is_sales_order
        AND orders.purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
calendar_days AS (
    SELECT
        day,
        week,
        month
    FROM {{ ref('dim_date') }}
    WHERE date_day BETWEEN (SELECT min(purchase_date) FROM sales_orders) AND (SELECT max(purchase_date) FROM sales_orders)
),
calendar_periods AS (
    SELECT DISTINCT 'day' AS grain, day AS period FROM calendar_days
    UNION ALL
    SELECT DISTINCT 'week', week FROM calendar_days
    UNION ALL
    SELECT DISTINCT 'month', month FROM calendar_days
),
period_totals AS (
    SELECT 'day' AS grain, day AS period, COUNT(*) AS orders, SUM(item_revenue) AS revenue, SUM(freight) AS freight, SUM(order_value) AS payments
    FROM sales_orders
    GROUP BY day
    UNION ALL
    SELECT 'week', week, COUNT(*), SUM(item_revenue), SUM(freight), SUM(order_value)
    FROM sales_orders
    GROUP BY week
    UNION ALL
    SELECT 'month', month, COUNT(*), SUM(item_revenue), SUM(freight), SUM(order_value)
    FROM sales_orders
    GROUP BY month
)
SELECT
    calendar_periods.grain,
    calendar_periods.period,
    CAST(coalesce(period_totals.orders, 0) AS {{ type_bigint() }}) AS orders,
    CAST(coalesce(period_totals.revenue, 0) AS DECIMAL(18, 2)) AS revenue,
    CAST(coalesce(period_totals.freight, 0) AS DECIMAL(18, 2)) AS freight,
    CAST(coalesce(period_totals.payments, 0) AS DECIMAL(18, 2)) AS payments,
    CASE
        WHEN period_totals.orders > 0 THEN {{ safe_cast('period_totals.payments / period_totals.orders', 'double') }}
    END AS aov
FROM calendar_periods
LEFT JOIN period_totals
    ON period_totals.grain = calendar_periods.grain
    AND period_totals.period = calendar_periods.period
