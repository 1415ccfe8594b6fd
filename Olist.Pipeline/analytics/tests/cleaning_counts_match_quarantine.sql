-- The dropped-row counts of stg_cleaning_counts equal the quarantined rows, per table and reason.
WITH dropped_counts AS (
    SELECT
        table_name,
        rule AS reason,
        row_count
    FROM {{ ref('stg_cleaning_counts') }}
    WHERE action = 'dropped'
),
quarantined_counts AS (
    SELECT
        table_name,
        reason,
        COUNT(*) AS row_count
    FROM {{ ref('stg_quarantine') }}
    GROUP BY table_name, reason
)
SELECT
    coalesce(dropped_counts.table_name, quarantined_counts.table_name) AS table_name,
    coalesce(dropped_counts.reason, quarantined_counts.reason) AS reason,
    dropped_counts.row_count AS counted_rows,
    quarantined_counts.row_count AS quarantined_rows
FROM dropped_counts
FULL OUTER JOIN quarantined_counts
    ON quarantined_counts.table_name = dropped_counts.table_name
    AND quarantined_counts.reason = dropped_counts.reason
WHERE coalesce(dropped_counts.row_count, 0) <> coalesce(quarantined_counts.row_count, 0)
