-- metrics.md 4.8 retention: per cohort (month of a customer's first sales order) and month offset from 0 to the
-- last month with a sales order, the cohort's customers with a sales order in that month. Customers are counted by their
-- key in kpi_sales_orders (one per customer_unique_id).
WITH order_months AS (
    SELECT
        customer_key,
        month_start
    FROM {{ ref('kpi_sales_orders') }}
    WHERE customer_key IS NOT NULL
        AND purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
customer_cohorts AS (
    SELECT
        customer_key,
        min(month_start) AS cohort_start
    FROM order_months
    GROUP BY customer_key
),
cohort_sizes AS (
    SELECT
        cohort_start,
        COUNT(*) AS cohort_size
    FROM customer_cohorts
    GROUP BY cohort_start
),
calendar_months AS (
    SELECT DISTINCT month_start
    FROM {{ ref('dim_date') }}
    WHERE month_start <= (SELECT max(month_start) FROM order_months)
),
cohort_months AS (
    SELECT
        cohort_sizes.cohort_start,
        cohort_sizes.cohort_size,
        calendar_months.month_start,
        (EXTRACT(YEAR FROM calendar_months.month_start) - EXTRACT(YEAR FROM cohort_sizes.cohort_start)) * 12
            + EXTRACT(MONTH FROM calendar_months.month_start) - EXTRACT(MONTH FROM cohort_sizes.cohort_start) AS month_offset
    FROM cohort_sizes
    INNER JOIN calendar_months
        ON calendar_months.month_start >= cohort_sizes.cohort_start
),
active_cohort_customers AS (
    SELECT
        customer_cohorts.cohort_start,
        order_months.month_start,
        COUNT(DISTINCT order_months.customer_key) AS active_customers
    FROM order_months
    INNER JOIN customer_cohorts
        ON customer_cohorts.customer_key = order_months.customer_key
    GROUP BY customer_cohorts.cohort_start, order_months.month_start
)
SELECT
    {{ format_month('cohort_months.cohort_start') }} AS cohort,
    CAST(cohort_months.cohort_size AS {{ type_bigint() }}) AS cohort_size,
    CAST(cohort_months.month_offset AS {{ type_int() }}) AS month_offset,
    CAST(coalesce(active_cohort_customers.active_customers, 0) AS {{ type_bigint() }}) AS active_customers,
    {{ safe_cast('100.0 * coalesce(active_cohort_customers.active_customers, 0) / cohort_months.cohort_size', 'double') }} AS retention_pct
FROM cohort_months
LEFT JOIN active_cohort_customers
    ON active_cohort_customers.cohort_start = cohort_months.cohort_start
    AND active_cohort_customers.month_start = cohort_months.month_start
