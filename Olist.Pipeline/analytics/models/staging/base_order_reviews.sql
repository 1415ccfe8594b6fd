-- Every raw review row, cleaned, with why it is dropped (NULL: kept).
{% capture typed_columns -%}
    {{ safe_cast('score_text', 'integer') }} AS review_score,
    {{ parse_timestamp('creation_text') }} AS review_creation_date,
    {{ parse_timestamp('answer_text') }} AS review_answer_timestamp
{%- endcapture -%}
WITH {{ base_rows(
    columns = 'review_id, order_id, review_score AS score_text, review_comment_title, review_comment_message,
        review_creation_date AS creation_text, review_answer_timestamp AS answer_text',
    key = 'review_id, order_id',
    batch = source('raw', 'order_reviews'),
    typed = typed_columns) }}
SELECT
    versioned_rows.review_id,
    versioned_rows.order_id,
    versioned_rows.review_score,
    versioned_rows.review_comment_title,
    versioned_rows.review_comment_message,
    versioned_rows.review_creation_date,
    versioned_rows.review_answer_timestamp,
    versioned_rows.was_trimmed,
    CASE WHEN versioned_rows.creation_text IS NOT NULL AND versioned_rows.review_creation_date IS NULL THEN 1 ELSE 0 END
        + CASE WHEN versioned_rows.answer_text IS NOT NULL AND versioned_rows.review_answer_timestamp IS NULL THEN 1 ELSE 0 END
        AS unparseable_timestamps,
    coalesce(versioned_rows.review_id, '') || '/' || coalesce(versioned_rows.order_id, '') AS row_key,
    coalesce(
        versioned_rows.invalid_reason,
        CASE WHEN versioned_rows.version_rank > 1 THEN 'duplicate_key' END,
        CASE WHEN orders.order_id IS NULL THEN 'orphan_order' END) AS drop_reason,
    versioned_rows._source_file,
    versioned_rows._line_number
FROM versioned_rows
LEFT JOIN {{ ref('stg_orders') }} AS orders
    ON orders.order_id = versioned_rows.order_id
