-- Nothing is lost: every raw row, batch or live stream, is either kept by its staging model or in the quarantine. The
-- stream counts as the build read it: up to its watermark, not what the consumer committed since.
WITH table_balance AS (
    SELECT 'customers' AS table_name,
        (SELECT COUNT(*) FROM {{ source('raw', 'customers') }}) + (SELECT COUNT(*) FROM {{ pinned_stream(source('raw', 'stream_customers'), ref('stg_stream_watermark')) }} AS stream_rows) AS raw_rows,
        (SELECT COUNT(*) FROM {{ ref('stg_customers') }}) AS kept_rows
    UNION ALL
    SELECT 'sellers', (SELECT COUNT(*) FROM {{ source('raw', 'sellers') }}), (SELECT COUNT(*) FROM {{ ref('stg_sellers') }})
    UNION ALL
    SELECT 'products', (SELECT COUNT(*) FROM {{ source('raw', 'products') }}), (SELECT COUNT(*) FROM {{ ref('stg_products') }})
    UNION ALL
    SELECT 'orders', (SELECT COUNT(*) FROM {{ source('raw', 'orders') }}) + (SELECT COUNT(*) FROM {{ pinned_stream(source('raw', 'stream_orders'), ref('stg_stream_watermark')) }} AS stream_rows), (SELECT COUNT(*) FROM {{ ref('stg_orders') }})
    UNION ALL
    SELECT 'order_items', (SELECT COUNT(*) FROM {{ source('raw', 'order_items') }}) + (SELECT COUNT(*) FROM {{ pinned_stream(source('raw', 'stream_order_items'), ref('stg_stream_watermark')) }} AS stream_rows), (SELECT COUNT(*) FROM {{ ref('stg_order_items') }})
    UNION ALL
    SELECT 'order_payments', (SELECT COUNT(*) FROM {{ source('raw', 'order_payments') }}) + (SELECT COUNT(*) FROM {{ pinned_stream(source('raw', 'stream_order_payments'), ref('stg_stream_watermark')) }} AS stream_rows), (SELECT COUNT(*) FROM {{ ref('stg_order_payments') }})
    UNION ALL
    SELECT 'order_reviews', (SELECT COUNT(*) FROM {{ source('raw', 'order_reviews') }}), (SELECT COUNT(*) FROM {{ ref('stg_order_reviews') }})
    UNION ALL
    SELECT 'product_category_name_translation',
        (SELECT COUNT(*) FROM {{ source('raw', 'product_category_name_translation') }}),
        (SELECT COUNT(*) FROM {{ ref('stg_product_category_name_translation') }})
),
quarantined_rows AS (
    SELECT
        table_name,
        COUNT(*) AS quarantined_rows
    FROM {{ ref('stg_quarantine') }}
    GROUP BY table_name
)
SELECT
    table_balance.table_name,
    table_balance.raw_rows,
    table_balance.kept_rows,
    coalesce(quarantined_rows.quarantined_rows, 0) AS quarantined_rows
FROM table_balance
LEFT JOIN quarantined_rows
    ON quarantined_rows.table_name = table_balance.table_name
WHERE table_balance.raw_rows <> table_balance.kept_rows + coalesce(quarantined_rows.quarantined_rows, 0)
