-- metrics.md 4.1 customer-growth: one row per month from the first to the last month with a sales order, gaps as zeros.
-- Customers are counted by their key in kpi_sales_orders (one per customer_unique_id).
WITH order_months AS (
    SELECT
        customer_key,
        month_start
    FROM {{ ref('kpi_sales_orders') }}
    WHERE purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
first_months AS (
    SELECT
        customer_key,
        min(month_start) AS first_month
    FROM order_months
    WHERE customer_key IS NOT NULL
    GROUP BY customer_key
),
calendar_months AS (
    SELECT DISTINCT
        month_start,
        month
    FROM {{ ref('dim_date') }}
    WHERE month_start BETWEEN (SELECT min(month_start) FROM order_months) AND (SELECT max(month_start) FROM order_months)
),
new_customers_by_month AS (
    SELECT
        first_month AS month_start,
        COUNT(*) AS new_customers
    FROM first_months
    GROUP BY first_month
),
active_customers_by_month AS (
    SELECT
        month_start,
        COUNT(DISTINCT customer_key) AS active_customers
    FROM order_months
    GROUP BY month_start
),
monthly_counts AS (
    SELECT
        calendar_months.month_start,
        calendar_months.month,
        coalesce(new_customers_by_month.new_customers, 0) AS new_customers,
        coalesce(active_customers_by_month.active_customers, 0) AS active_customers
    FROM calendar_months
    LEFT JOIN new_customers_by_month
        ON new_customers_by_month.month_start = calendar_months.month_start
    LEFT JOIN active_customers_by_month
        ON active_customers_by_month.month_start = calendar_months.month_start
),
running_totals AS (
    SELECT
        *,
        CAST(SUM(new_customers) OVER (ORDER BY month_start ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS {{ type_bigint() }})
            AS cumulative_customers
    FROM monthly_counts
),
previous_totals AS (
    SELECT
        *,
        lag(cumulative_customers) OVER (ORDER BY month_start) AS previous_cumulative_customers
    FROM running_totals
)
SELECT
    month,
    CAST(new_customers AS {{ type_bigint() }}) AS new_customers,
    cumulative_customers,
    CAST(active_customers AS {{ type_bigint() }}) AS active_customers,
    CASE
        WHEN previous_cumulative_customers > 0 THEN {{ safe_cast('100.0 * new_customers / previous_cumulative_customers', 'double') }}
    END AS growth_pct
FROM previous_totals
