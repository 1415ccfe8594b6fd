-- One row per (review_id, order_id) of a kept order; a review id may cover several orders and an order several reviews.
SELECT
    review_id,
    order_id,
    review_score,
    review_comment_title,
    review_comment_message,
    review_creation_date,
    review_answer_timestamp,
    _source_file,
    _line_number
FROM {{ ref('base_order_reviews') }}
WHERE drop_reason IS NULL
