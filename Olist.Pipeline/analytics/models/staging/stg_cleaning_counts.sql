-- One row per cleaning rule and table (metrics.md section 2) with the rows it fixed, dropped or flagged in this build.
-- Every rule is listed, also when it touched no row, so the data quality page shows the whole rule book.
WITH customer_counts AS (
    SELECT
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS text_trimmed,
        COUNT(CASE WHEN drop_reason = 'missing_primary_id' THEN 1 END) AS missing_primary_id,
        COUNT(CASE WHEN drop_reason = 'duplicate_key' THEN 1 END) AS duplicate_key,
        COUNT(CASE WHEN drop_reason = 'superseded_by_event' THEN 1 END) AS superseded_by_event,
        COUNT(CASE WHEN drop_reason IS NULL AND zip_padded THEN 1 END) AS zip_left_padded,
        COUNT(CASE WHEN drop_reason IS NULL AND city_normalized THEN 1 END) AS city_normalized,
        COUNT(CASE WHEN drop_reason IS NULL AND state_upper_cased THEN 1 END) AS state_upper_cased
    FROM {{ ref('base_customers') }}
),
seller_counts AS (
    SELECT
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS text_trimmed,
        COUNT(CASE WHEN drop_reason = 'missing_primary_id' THEN 1 END) AS missing_primary_id,
        COUNT(CASE WHEN drop_reason = 'duplicate_key' THEN 1 END) AS duplicate_key,
        COUNT(CASE WHEN drop_reason IS NULL AND zip_padded THEN 1 END) AS zip_left_padded,
        COUNT(CASE WHEN drop_reason IS NULL AND city_normalized THEN 1 END) AS city_normalized,
        COUNT(CASE WHEN drop_reason IS NULL AND state_upper_cased THEN 1 END) AS state_upper_cased
    FROM {{ ref('base_sellers') }}
),
product_counts AS (
    SELECT
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS text_trimmed,
        COUNT(CASE WHEN drop_reason = 'missing_primary_id' THEN 1 END) AS missing_primary_id,
        COUNT(CASE WHEN drop_reason = 'duplicate_key' THEN 1 END) AS duplicate_key,
        COUNT(CASE WHEN drop_reason IS NULL AND category_missing THEN 1 END) AS category_unknown,
        COUNT(CASE WHEN drop_reason IS NULL AND category_untranslated THEN 1 END) AS category_untranslated,
        COUNT(CASE WHEN drop_reason IS NULL THEN 1 END) AS columns_renamed
    FROM {{ ref('base_products') }}
),
order_counts AS (
    SELECT
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS text_trimmed,
        COUNT(CASE WHEN drop_reason = 'missing_primary_id' THEN 1 END) AS missing_primary_id,
        COUNT(CASE WHEN drop_reason = 'missing_order_status' THEN 1 END) AS missing_order_status,
        COUNT(CASE WHEN drop_reason = 'unparseable_purchase_timestamp' THEN 1 END) AS unparseable_purchase_timestamp,
        COUNT(CASE WHEN drop_reason = 'duplicate_key' THEN 1 END) AS duplicate_key,
        COUNT(CASE WHEN drop_reason = 'superseded_by_event' THEN 1 END) AS superseded_by_event,
        COUNT(CASE WHEN drop_reason = 'orphan_customer' THEN 1 END) AS orphan_customer,
        COUNT(CASE WHEN drop_reason IS NULL AND status_lower_cased THEN 1 END) AS status_lower_cased,
        COUNT(CASE WHEN drop_reason IS NULL AND unparseable_timestamps > 0 THEN 1 END) AS timestamp_unparseable
    FROM {{ ref('base_orders') }}
),
item_counts AS (
    SELECT
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS text_trimmed,
        COUNT(CASE WHEN drop_reason = 'missing_primary_id' THEN 1 END) AS missing_primary_id,
        COUNT(CASE WHEN drop_reason = 'duplicate_key' THEN 1 END) AS duplicate_key,
        COUNT(CASE WHEN drop_reason = 'superseded_by_event' THEN 1 END) AS superseded_by_event,
        COUNT(CASE WHEN drop_reason = 'orphan_order' THEN 1 END) AS orphan_order,
        COUNT(CASE WHEN drop_reason IS NULL AND is_unknown_product THEN 1 END) AS unknown_product,
        COUNT(CASE WHEN drop_reason IS NULL AND is_unknown_seller THEN 1 END) AS unknown_seller,
        COUNT(CASE WHEN drop_reason IS NULL AND unparseable_timestamps > 0 THEN 1 END) AS timestamp_unparseable
    FROM {{ ref('base_order_items') }}
),
payment_counts AS (
    SELECT
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS text_trimmed,
        COUNT(CASE WHEN drop_reason = 'missing_primary_id' THEN 1 END) AS missing_primary_id,
        COUNT(CASE WHEN drop_reason = 'duplicate_key' THEN 1 END) AS duplicate_key,
        COUNT(CASE WHEN drop_reason = 'superseded_by_event' THEN 1 END) AS superseded_by_event,
        COUNT(CASE WHEN drop_reason = 'orphan_order' THEN 1 END) AS orphan_order
    FROM {{ ref('base_order_payments') }}
),
review_counts AS (
    SELECT
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS text_trimmed,
        COUNT(CASE WHEN drop_reason = 'missing_primary_id' THEN 1 END) AS missing_primary_id,
        COUNT(CASE WHEN drop_reason = 'duplicate_key' THEN 1 END) AS duplicate_key,
        COUNT(CASE WHEN drop_reason = 'orphan_order' THEN 1 END) AS orphan_order,
        COUNT(CASE WHEN drop_reason IS NULL AND unparseable_timestamps > 0 THEN 1 END) AS timestamp_unparseable
    FROM {{ ref('base_order_reviews') }}
),
review_sharing AS (
    SELECT
        review_id,
        order_id,
        COUNT(*) OVER (PARTITION BY review_id) AS orders_of_review,
        COUNT(*) OVER (PARTITION BY order_id) AS reviews_of_order
    FROM {{ ref('stg_order_reviews') }}
),
review_sharing_counts AS (
    SELECT
        COUNT(CASE WHEN orders_of_review > 1 THEN 1 END) AS review_id_shared,
        COUNT(CASE WHEN reviews_of_order > 1 THEN 1 END) AS order_multiple_reviews
    FROM review_sharing
),
geolocation_counts AS (
    SELECT
        coalesce(SUM(points_trimmed), 0) AS text_trimmed,
        coalesce(SUM(points_zip_padded), 0) AS zip_left_padded,
        coalesce(SUM(points_city_normalized), 0) AS city_normalized,
        coalesce(SUM(points_state_upper_cased), 0) AS state_upper_cased,
        coalesce(SUM(points_outside_brazil), 0) AS outside_brazil,
        coalesce(SUM(points), 0) - COUNT(*) AS geolocation_reduced
    FROM {{ ref('stg_geolocation') }}
),
translation_counts AS (
    SELECT
        COUNT(CASE WHEN {{ untrimmed('product_category_name, product_category_name_english') }} THEN 1 END) AS text_trimmed
    FROM {{ source('raw', 'product_category_name_translation') }}
),
quarantine_counts AS (
    SELECT
        COUNT(CASE WHEN table_name = 'product_category_name_translation' AND reason = 'missing_primary_id' THEN 1 END) AS translation_missing_primary_id,
        COUNT(CASE WHEN table_name = 'product_category_name_translation' AND reason = 'duplicate_key' THEN 1 END) AS translation_duplicate_key,
        COUNT(CASE WHEN table_name = 'geolocation' THEN 1 END) AS geolocation_missing_primary_id
    FROM {{ ref('stg_quarantine') }}
),
rule_counts AS (
    SELECT 'text_trimmed' AS rule, 'customers' AS table_name, 'fixed' AS action, text_trimmed AS row_count, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' AS description FROM customer_counts
    UNION ALL SELECT 'missing_primary_id', 'customers', 'dropped', missing_primary_id, 'Rows without customer_id quarantined (rule 2).' FROM customer_counts
    UNION ALL SELECT 'duplicate_key', 'customers', 'dropped', duplicate_key, 'Earlier rows of a repeated customer_id quarantined; the last in file order wins (rule 9).' FROM customer_counts
    UNION ALL SELECT 'superseded_by_event', 'customers', 'dropped', superseded_by_event, 'Older versions replaced by a newer live event: a live event is newer than any batch row, among events the latest event time wins (rule 9).' FROM customer_counts
    UNION ALL SELECT 'zip_left_padded', 'customers', 'fixed', zip_left_padded, 'Zip code prefixes shorter than 5 characters left-padded with zeros (rule 3).' FROM customer_counts
    UNION ALL SELECT 'city_normalized', 'customers', 'fixed', city_normalized, 'City names lower-cased, diacritics removed, white space collapsed (rule 4).' FROM customer_counts
    UNION ALL SELECT 'state_upper_cased', 'customers', 'fixed', state_upper_cased, 'State codes upper-cased (rule 4).' FROM customer_counts
    UNION ALL SELECT 'text_trimmed', 'sellers', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM seller_counts
    UNION ALL SELECT 'missing_primary_id', 'sellers', 'dropped', missing_primary_id, 'Rows without seller_id quarantined (rule 2).' FROM seller_counts
    UNION ALL SELECT 'duplicate_key', 'sellers', 'dropped', duplicate_key, 'Earlier rows of a repeated seller_id quarantined; the last in file order wins (rule 9).' FROM seller_counts
    UNION ALL SELECT 'zip_left_padded', 'sellers', 'fixed', zip_left_padded, 'Zip code prefixes shorter than 5 characters left-padded with zeros (rule 3).' FROM seller_counts
    UNION ALL SELECT 'city_normalized', 'sellers', 'fixed', city_normalized, 'City names lower-cased, diacritics removed, white space collapsed (rule 4).' FROM seller_counts
    UNION ALL SELECT 'state_upper_cased', 'sellers', 'fixed', state_upper_cased, 'State codes upper-cased (rule 4).' FROM seller_counts
    UNION ALL SELECT 'text_trimmed', 'products', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM product_counts
    UNION ALL SELECT 'missing_primary_id', 'products', 'dropped', missing_primary_id, 'Rows without product_id quarantined (rule 2).' FROM product_counts
    UNION ALL SELECT 'duplicate_key', 'products', 'dropped', duplicate_key, 'Earlier rows of a repeated product_id quarantined; the last in file order wins (rule 9).' FROM product_counts
    UNION ALL SELECT 'category_unknown', 'products', 'fixed', category_unknown, 'Products without a category get the category unknown (rule 7).' FROM product_counts
    UNION ALL SELECT 'category_untranslated', 'products', 'flagged', category_untranslated, 'Products whose category has no English translation keep the Portuguese name (rule 7).' FROM product_counts
    UNION ALL SELECT 'columns_renamed', 'products', 'fixed', columns_renamed, 'product_name_lenght and product_description_lenght renamed to ..._length (rule 8).' FROM product_counts
    UNION ALL SELECT 'text_trimmed', 'orders', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM order_counts
    UNION ALL SELECT 'missing_primary_id', 'orders', 'dropped', missing_primary_id, 'Rows without order_id quarantined (rule 2).' FROM order_counts
    UNION ALL SELECT 'missing_order_status', 'orders', 'dropped', missing_order_status, 'Orders without order_status quarantined (rule 2).' FROM order_counts
    UNION ALL SELECT 'unparseable_purchase_timestamp', 'orders', 'dropped', unparseable_purchase_timestamp, 'Orders without a parseable order_purchase_timestamp quarantined (rule 2).' FROM order_counts
    UNION ALL SELECT 'duplicate_key', 'orders', 'dropped', duplicate_key, 'Earlier rows of a repeated order_id quarantined; the last in file order wins (rule 9).' FROM order_counts
    UNION ALL SELECT 'superseded_by_event', 'orders', 'dropped', superseded_by_event, 'Older versions replaced by a newer live event: a live event is newer than any batch row, among events the latest event time wins (rule 9).' FROM order_counts
    UNION ALL SELECT 'orphan_customer', 'orders', 'dropped', orphan_customer, 'Orders whose customer_id is not a customer quarantined (rule 10).' FROM order_counts
    UNION ALL SELECT 'status_lower_cased', 'orders', 'fixed', status_lower_cased, 'order_status lower-cased (rule 5).' FROM order_counts
    UNION ALL SELECT 'timestamp_unparseable', 'orders', 'flagged', timestamp_unparseable, 'Orders with a lifecycle timestamp that does not parse; it is set to NULL (rule 6).' FROM order_counts
    UNION ALL SELECT 'text_trimmed', 'order_items', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM item_counts
    UNION ALL SELECT 'missing_primary_id', 'order_items', 'dropped', missing_primary_id, 'Rows without order_id or order_item_id quarantined (rule 2).' FROM item_counts
    UNION ALL SELECT 'duplicate_key', 'order_items', 'dropped', duplicate_key, 'Earlier rows of a repeated (order_id, order_item_id) quarantined; the last in file order wins (rule 9).' FROM item_counts
    UNION ALL SELECT 'superseded_by_event', 'order_items', 'dropped', superseded_by_event, 'Older versions replaced by a newer live event: a live event is newer than any batch row, among events the latest event time wins (rule 9).' FROM item_counts
    UNION ALL SELECT 'orphan_order', 'order_items', 'dropped', orphan_order, 'Items whose order_id is not an order quarantined (rule 10).' FROM item_counts
    UNION ALL SELECT 'unknown_product', 'order_items', 'flagged', unknown_product, 'Items whose product is not in the product table: kept, category unknown (rule 10).' FROM item_counts
    UNION ALL SELECT 'unknown_seller', 'order_items', 'flagged', unknown_seller, 'Items whose seller is not in the seller table: kept, seller location NULL (rule 10).' FROM item_counts
    UNION ALL SELECT 'timestamp_unparseable', 'order_items', 'flagged', timestamp_unparseable, 'Items whose shipping_limit_date does not parse; it is set to NULL (rule 6).' FROM item_counts
    UNION ALL SELECT 'text_trimmed', 'order_payments', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM payment_counts
    UNION ALL SELECT 'missing_primary_id', 'order_payments', 'dropped', missing_primary_id, 'Rows without order_id or payment_sequential quarantined (rule 2).' FROM payment_counts
    UNION ALL SELECT 'duplicate_key', 'order_payments', 'dropped', duplicate_key, 'Earlier rows of a repeated (order_id, payment_sequential) quarantined; the last in file order wins (rule 9).' FROM payment_counts
    UNION ALL SELECT 'superseded_by_event', 'order_payments', 'dropped', superseded_by_event, 'Older versions replaced by a newer live event: a live event is newer than any batch row, among events the latest event time wins (rule 9).' FROM payment_counts
    UNION ALL SELECT 'orphan_order', 'order_payments', 'dropped', orphan_order, 'Payments whose order_id is not an order quarantined (rule 10).' FROM payment_counts
    UNION ALL SELECT 'text_trimmed', 'order_reviews', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM review_counts
    UNION ALL SELECT 'missing_primary_id', 'order_reviews', 'dropped', missing_primary_id, 'Rows without review_id or order_id quarantined (rule 2).' FROM review_counts
    UNION ALL SELECT 'duplicate_key', 'order_reviews', 'dropped', duplicate_key, 'Earlier rows of a repeated (review_id, order_id) quarantined; the last in file order wins (rule 9).' FROM review_counts
    UNION ALL SELECT 'orphan_order', 'order_reviews', 'dropped', orphan_order, 'Reviews whose order_id is not an order quarantined (rule 10).' FROM review_counts
    UNION ALL SELECT 'timestamp_unparseable', 'order_reviews', 'flagged', timestamp_unparseable, 'Reviews with a survey timestamp that does not parse; it is set to NULL (rule 6).' FROM review_counts
    UNION ALL SELECT 'review_id_shared', 'order_reviews', 'flagged', review_id_shared, 'Review rows whose review_id also reviews another order: each (review_id, order_id) is kept (rule 9 key).' FROM review_sharing_counts
    UNION ALL SELECT 'order_multiple_reviews', 'order_reviews', 'flagged', order_multiple_reviews, 'Review rows of orders with several reviews: each order scores the mean of its reviews (metrics.md 4.9).' FROM review_sharing_counts
    UNION ALL SELECT 'text_trimmed', 'geolocation', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM geolocation_counts
    UNION ALL SELECT 'missing_primary_id', 'geolocation', 'dropped', geolocation_missing_primary_id, 'Points without a zip code prefix quarantined (rule 2).' FROM quarantine_counts
    UNION ALL SELECT 'zip_left_padded', 'geolocation', 'fixed', zip_left_padded, 'Zip code prefixes shorter than 5 characters left-padded with zeros (rule 3).' FROM geolocation_counts
    UNION ALL SELECT 'city_normalized', 'geolocation', 'fixed', city_normalized, 'City names lower-cased, diacritics removed, white space collapsed (rule 4).' FROM geolocation_counts
    UNION ALL SELECT 'state_upper_cased', 'geolocation', 'fixed', state_upper_cased, 'State codes upper-cased (rule 4).' FROM geolocation_counts
    UNION ALL SELECT 'outside_brazil', 'geolocation', 'flagged', outside_brazil, 'Points outside the bounding box of Brazil, left out of the median coordinates (rule 11).' FROM geolocation_counts
    UNION ALL SELECT 'geolocation_reduced', 'geolocation', 'fixed', geolocation_reduced, 'Points merged into one row per zip code prefix: median coordinates, most frequent city and state (rule 11).' FROM geolocation_counts
    UNION ALL SELECT 'text_trimmed', 'product_category_name_translation', 'fixed', text_trimmed, 'Values with white space around them trimmed, blank values set to NULL (rule 1).' FROM translation_counts
    UNION ALL SELECT 'missing_primary_id', 'product_category_name_translation', 'dropped', translation_missing_primary_id, 'Rows without a Portuguese category name quarantined (rule 2).' FROM quarantine_counts
    UNION ALL SELECT 'duplicate_key', 'product_category_name_translation', 'dropped', translation_duplicate_key, 'Earlier rows of a repeated Portuguese category name quarantined; the last in file order wins (rule 9).' FROM quarantine_counts
)
SELECT
    rule,
    table_name,
    action,
    CAST(row_count AS {{ type_bigint() }}) AS row_count,
    description
FROM rule_counts
