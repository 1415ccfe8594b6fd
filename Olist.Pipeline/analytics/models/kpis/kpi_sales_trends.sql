-- metrics.md 4.4 sales-trends: per grain (day, week, month) one row per period from the first to the last period
-- with a sales order, gaps as zeros. Periods add up the days of kpi_sales_days in the range (exact decimal sums; the
-- day counts are summed back to the count's own type, so payments / orders divides the same types as over orders).
WITH sales_days AS (
    SELECT
        purchase_date,
        orders,
        revenue,
        freight,
        payments
    FROM {{ ref('kpi_sales_days') }}
    WHERE purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
calendar_days AS (
    SELECT
        calendar.day,
        calendar.week,
        calendar.month,
        sales_days.orders,
        sales_days.revenue,
        sales_days.freight,
        sales_days.payments
    FROM {{ ref('dim_date') }} AS calendar
    LEFT JOIN sales_days
        ON sales_days.purchase_date = calendar.date_day
    WHERE calendar.date_day BETWEEN (SELECT min(purchase_date) FROM sales_days) AND (SELECT max(purchase_date) FROM sales_days)
),
period_totals AS (
    SELECT 'day' AS grain, day AS period, CAST(SUM(orders) AS {{ type_bigint() }}) AS orders, SUM(revenue) AS revenue, SUM(freight) AS freight, SUM(payments) AS payments
    FROM calendar_days
    GROUP BY day
    UNION ALL
    SELECT 'week', week, CAST(SUM(orders) AS {{ type_bigint() }}), SUM(revenue), SUM(freight), SUM(payments)
    FROM calendar_days
    GROUP BY week
    UNION ALL
    SELECT 'month', month, CAST(SUM(orders) AS {{ type_bigint() }}), SUM(revenue), SUM(freight), SUM(payments)
    FROM calendar_days
    GROUP BY month
)
SELECT
    grain,
    period,
    CAST(coalesce(orders, 0) AS {{ type_bigint() }}) AS orders,
    CAST(coalesce(revenue, 0) AS DECIMAL(18, 2)) AS revenue,
    CAST(coalesce(freight, 0) AS DECIMAL(18, 2)) AS freight,
    CAST(coalesce(payments, 0) AS DECIMAL(18, 2)) AS payments,
    CASE
        WHEN orders > 0 THEN {{ safe_cast('payments / orders', 'double') }}
    END AS aov
FROM period_totals
