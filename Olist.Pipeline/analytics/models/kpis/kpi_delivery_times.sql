-- metrics.md 4.5 delivery-times: per seller, delivered orders (delivery not before purchase) counted once per
-- distinct seller of their items, with average, median and 90th percentile days, late share and outliers. The average is
-- taken from the exact sum of whole seconds: a sum of day fractions depends on the order the threads add them up in, so
-- identical builds would differ in the last digits. The median and 90th percentile come from one sort of each seller's
-- days (percentiles_cont), not one per percentile. Each seller's delivered orders come from kpi_seller_deliveries, grouped by
-- seller key; the id is read back for the result rows.
WITH seller_deliveries AS (
    SELECT
        seller_key,
        delivery_seconds,
        delivery_seconds / 86400.0 AS delivery_days,
        is_late
    FROM {{ ref('kpi_seller_deliveries') }}
    WHERE purchase_date BETWEEN DATE '{{ var('kpi_from') }}' AND DATE '{{ var('kpi_to') }}'
),
seller_statistics AS (
    SELECT
        seller_key,
        COUNT(*) AS delivered_orders,
        {{ safe_cast('SUM(delivery_seconds)', 'double') }} / (86400 * COUNT(*)) AS avg_days,
        {{ percentiles_cont('delivery_days', 0.5, 0.9) }} AS delivery_day_percentiles,
        100.0 * COUNT(CASE WHEN is_late THEN 1 END) / COUNT(*) AS late_pct
    FROM seller_deliveries
    GROUP BY seller_key
),
outlier_fence AS (
    SELECT
        {{ percentile_cont('avg_days', 0.25) }} AS first_quartile,
        {{ percentile_cont('avg_days', 0.75) }} AS third_quartile
    FROM seller_statistics
    WHERE delivered_orders >= 10
)
{%- capture median_days -%}{{ element('seller_statistics.delivery_day_percentiles', 1) }}{%- endcapture -%}
{%- capture p90_days -%}{{ element('seller_statistics.delivery_day_percentiles', 2) }}{%- endcapture %}
SELECT
    sellers.seller_id,
    CAST(seller_statistics.delivered_orders AS {{ type_bigint() }}) AS delivered_orders,
    {{ safe_cast('seller_statistics.avg_days', 'double') }} AS avg_days,
    {{ safe_cast(median_days, 'double') }} AS median_days,
    {{ safe_cast(p90_days, 'double') }} AS p90_days,
    {{ safe_cast('seller_statistics.late_pct', 'double') }} AS late_pct,
    coalesce(
        seller_statistics.delivered_orders >= 10
            AND seller_statistics.avg_days > outlier_fence.third_quartile + 1.5 * (outlier_fence.third_quartile - outlier_fence.first_quartile),
        FALSE) AS is_outlier
FROM seller_statistics
INNER JOIN {{ ref('kpi_sales_sellers') }} AS sellers
    ON sellers.seller_key = seller_statistics.seller_key
CROSS JOIN outlier_fence
