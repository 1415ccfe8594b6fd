-- One row per calendar day from the first to the last purchase day, with the period labels of metrics.md section 3.
WITH purchase_bounds AS (
    SELECT
        CAST(min(order_purchase_timestamp) AS DATE) AS first_day,
        CAST(max(order_purchase_timestamp) AS DATE) AS last_day
    FROM {{ ref('stg_orders') }}
),
calendar_days AS (
    {{ date_spine('purchase_bounds', 'first_day', 'last_day') }}
),
period_starts AS (
    SELECT
        date_day,
        {{ iso_week_monday('date_day') }} AS week_start,
        {{ date_trunc_to('month', 'date_day') }} AS month_start,
        {{ date_trunc_to('year', 'date_day') }} AS year_start
    FROM calendar_days
)
SELECT
    date_day,
    {{ format_day('date_day') }} AS day,
    week_start,
    {{ format_day('week_start') }} AS week,
    month_start,
    {{ format_month('month_start') }} AS month,
    year_start,
    {{ format_year('year_start') }} AS year
FROM period_starts
