-- Cumulative customers never decrease, add up the new customers, end at the number of customers with a sales
-- order, and the months run without gaps.
WITH ordered_months AS (
    SELECT
        month,
        new_customers,
        cumulative_customers,
        lag(cumulative_customers) OVER (ORDER BY month) AS previous_cumulative_customers,
        row_number() OVER (ORDER BY month) AS month_number,
        CAST(substr(month, 1, 4) AS {{ type_bigint() }}) * 12 + CAST(substr(month, 6, 2) AS {{ type_bigint() }}) AS month_index
    FROM {{ ref('kpi_customer_growth') }}
),
first_month AS (
    SELECT min(month_index) AS month_index FROM ordered_months
),
sales_customers AS (
    SELECT COUNT(DISTINCT customer_unique_id) AS customers
    FROM {{ ref('fact_orders') }}
    WHERE is_sales_order
)
SELECT
    ordered_months.month,
    'cumulative total broken' AS problem
FROM ordered_months
WHERE ordered_months.cumulative_customers <> coalesce(ordered_months.previous_cumulative_customers, 0) + ordered_months.new_customers
UNION ALL
SELECT
    ordered_months.month,
    'month missing before this one'
FROM ordered_months
CROSS JOIN first_month
WHERE ordered_months.month_index - first_month.month_index + 1 <> ordered_months.month_number
UNION ALL
SELECT
    'all',
    'last cumulative total differs from customers with a sales order'
FROM sales_customers
WHERE sales_customers.customers <> coalesce((SELECT max(cumulative_customers) FROM ordered_months), 0)
