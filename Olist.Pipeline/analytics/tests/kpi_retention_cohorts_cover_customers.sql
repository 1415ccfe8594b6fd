-- Every customer with a sales order is in exactly one cohort, and each cohort has one row per month offset from 0.
WITH cohort_rows AS (
    SELECT
        cohort,
        COUNT(*) AS offsets,
        max(month_offset) AS last_offset,
        max(CASE WHEN month_offset = 0 THEN cohort_size END) AS cohort_size
    FROM {{ ref('kpi_retention') }}
    GROUP BY cohort
),
sales_customers AS (
    SELECT COUNT(DISTINCT customer_unique_id) AS customers
    FROM {{ ref('fact_orders') }}
    WHERE is_sales_order
)
SELECT
    cohort,
    'offsets not contiguous from 0' AS problem
FROM cohort_rows
WHERE offsets <> last_offset + 1
UNION ALL
SELECT
    'all',
    'cohort sizes do not add up to the customers with a sales order'
FROM sales_customers
WHERE sales_customers.customers <> coalesce((SELECT SUM(cohort_size) FROM cohort_rows), 0)
