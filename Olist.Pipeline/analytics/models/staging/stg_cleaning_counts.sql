-- One row per cleaning rule and table (metrics.md section 2) with the rows it fixed, dropped or flagged in this build.
-- Every rule is listed, also when it touched no row, so the data quality page shows the whole rule book.
{%- comment %}
The rule book, one line per rule in the order of the rows: table | rule | action | counted in | what it counts | description.
Each rule is stated here only; the loops below turn the book into one aggregate per relation and one row per rule.
counted in: a relation of the book below it; blank: the one named like the table.
what it counts: a condition, whose rows are counted; in a relation counted by sum (stg_geolocation: a row per zip code
prefix holding its points), an expression, which is summed. Blank, for a dropped rule: the rows dropped for it.
description: blank, the one on the rule's first line (Liquid's split then drops the empty last field).
{%- endcomment %}
{%- capture rule_book %}
customers                         | text_trimmed                   | fixed   |                | was_trimmed                                        | Values with white space around them trimmed, blank values set to NULL (rule 1).
customers                         | missing_primary_id             | dropped |                |                                                    | Rows without customer_id quarantined (rule 2).
customers                         | duplicate_key                  | dropped |                |                                                    | Earlier rows of a repeated customer_id quarantined; the last in file order wins (rule 9).
customers                         | superseded_by_event            | dropped |                |                                                    | Older versions replaced by a newer live event: a live event is newer than any batch row, among events the latest event time wins (rule 9).
customers                         | zip_left_padded                | fixed   |                | drop_reason IS NULL AND zip_padded                 | Zip code prefixes shorter than 5 characters left-padded with zeros (rule 3).
customers                         | city_normalized                | fixed   |                | drop_reason IS NULL AND city_normalized            | City names lower-cased, diacritics removed, white space collapsed (rule 4).
customers                         | state_upper_cased              | fixed   |                | drop_reason IS NULL AND state_upper_cased          | State codes upper-cased (rule 4).
sellers                           | text_trimmed                   | fixed   |                | was_trimmed                                        |
sellers                           | missing_primary_id             | dropped |                |                                                    | Rows without seller_id quarantined (rule 2).
sellers                           | duplicate_key                  | dropped |                |                                                    | Earlier rows of a repeated seller_id quarantined; the last in file order wins (rule 9).
sellers                           | zip_left_padded                | fixed   |                | drop_reason IS NULL AND zip_padded                 |
sellers                           | city_normalized                | fixed   |                | drop_reason IS NULL AND city_normalized            |
sellers                           | state_upper_cased              | fixed   |                | drop_reason IS NULL AND state_upper_cased          |
products                          | text_trimmed                   | fixed   |                | was_trimmed                                        |
products                          | missing_primary_id             | dropped |                |                                                    | Rows without product_id quarantined (rule 2).
products                          | duplicate_key                  | dropped |                |                                                    | Earlier rows of a repeated product_id quarantined; the last in file order wins (rule 9).
products                          | category_unknown               | fixed   |                | drop_reason IS NULL AND category_missing           | Products without a category get the category unknown (rule 7).
products                          | category_untranslated          | flagged |                | drop_reason IS NULL AND category_untranslated      | Products whose category has no English translation keep the Portuguese name (rule 7).
products                          | columns_renamed                | fixed   |                | drop_reason IS NULL                                | product_name_lenght and product_description_lenght renamed to ..._length (rule 8).
orders                            | text_trimmed                   | fixed   |                | was_trimmed                                        |
orders                            | missing_primary_id             | dropped |                |                                                    | Rows without order_id quarantined (rule 2).
orders                            | missing_order_status           | dropped |                |                                                    | Orders without order_status quarantined (rule 2).
orders                            | unparseable_purchase_timestamp | dropped |                |                                                    | Orders without a parseable order_purchase_timestamp quarantined (rule 2).
orders                            | duplicate_key                  | dropped |                |                                                    | Earlier rows of a repeated order_id quarantined; the last in file order wins (rule 9).
orders                            | superseded_by_event            | dropped |                |                                                    |
orders                            | orphan_customer                | dropped |                |                                                    | Orders whose customer_id is not a customer quarantined (rule 10).
orders                            | status_lower_cased             | fixed   |                | drop_reason IS NULL AND status_lower_cased         | order_status lower-cased (rule 5).
orders                            | timestamp_unparseable          | flagged |                | drop_reason IS NULL AND unparseable_timestamps > 0 | Orders with a lifecycle timestamp that does not parse; it is set to NULL (rule 6).
order_items                       | text_trimmed                   | fixed   |                | was_trimmed                                        |
order_items                       | missing_primary_id             | dropped |                |                                                    | Rows without order_id or order_item_id quarantined (rule 2).
order_items                       | duplicate_key                  | dropped |                |                                                    | Earlier rows of a repeated (order_id, order_item_id) quarantined; the last in file order wins (rule 9).
order_items                       | superseded_by_event            | dropped |                |                                                    |
order_items                       | orphan_order                   | dropped |                |                                                    | Items whose order_id is not an order quarantined (rule 10).
order_items                       | unknown_product                | flagged |                | drop_reason IS NULL AND is_unknown_product         | Items whose product is not in the product table: kept, category unknown (rule 10).
order_items                       | unknown_seller                 | flagged |                | drop_reason IS NULL AND is_unknown_seller          | Items whose seller is not in the seller table: kept, seller location NULL (rule 10).
order_items                       | timestamp_unparseable          | flagged |                | drop_reason IS NULL AND unparseable_timestamps > 0 | Items whose shipping_limit_date does not parse; it is set to NULL (rule 6).
order_payments                    | text_trimmed                   | fixed   |                | was_trimmed                                        |
order_payments                    | missing_primary_id             | dropped |                |                                                    | Rows without order_id or payment_sequential quarantined (rule 2).
order_payments                    | duplicate_key                  | dropped |                |                                                    | Earlier rows of a repeated (order_id, payment_sequential) quarantined; the last in file order wins (rule 9).
order_payments                    | superseded_by_event            | dropped |                |                                                    |
order_payments                    | orphan_order                   | dropped |                |                                                    | Payments whose order_id is not an order quarantined (rule 10).
order_reviews                     | text_trimmed                   | fixed   |                | was_trimmed                                        |
order_reviews                     | missing_primary_id             | dropped |                |                                                    | Rows without review_id or order_id quarantined (rule 2).
order_reviews                     | duplicate_key                  | dropped |                |                                                    | Earlier rows of a repeated (review_id, order_id) quarantined; the last in file order wins (rule 9).
order_reviews                     | orphan_order                   | dropped |                |                                                    | Reviews whose order_id is not an order quarantined (rule 10).
order_reviews                     | timestamp_unparseable          | flagged |                | drop_reason IS NULL AND unparseable_timestamps > 0 | Reviews with a survey timestamp that does not parse; it is set to NULL (rule 6).
order_reviews                     | review_id_shared               | flagged | review_sharing | orders_of_review > 1                               | Review rows whose review_id also reviews another order: each (review_id, order_id) is kept (rule 9 key).
order_reviews                     | order_multiple_reviews         | flagged | review_sharing | reviews_of_order > 1                               | Review rows of orders with several reviews: each order scores the mean of its reviews (metrics.md 4.9).
geolocation                       | text_trimmed                   | fixed   |                | points_trimmed                                     |
geolocation                       | missing_primary_id             | dropped | quarantine     | table_name = 'geolocation'                         | Points without a zip code prefix quarantined (rule 2).
geolocation                       | zip_left_padded                | fixed   |                | points_zip_padded                                  |
geolocation                       | city_normalized                | fixed   |                | points_city_normalized                             |
geolocation                       | state_upper_cased              | fixed   |                | points_state_upper_cased                           |
geolocation                       | outside_brazil                 | flagged |                | points_outside_brazil                              | Points outside the bounding box of Brazil, left out of the median coordinates (rule 11).
geolocation                       | geolocation_reduced            | fixed   |                | points - 1                                         | Points merged into one row per zip code prefix: median coordinates, most frequent city and state (rule 11).
product_category_name_translation | text_trimmed                   | fixed   |                | was_trimmed                                        |
product_category_name_translation | missing_primary_id             | dropped | quarantine     | table_name = 'product_category_name_translation' AND reason = 'missing_primary_id' | Rows without a Portuguese category name quarantined (rule 2).
product_category_name_translation | duplicate_key                  | dropped | quarantine     | table_name = 'product_category_name_translation' AND reason = 'duplicate_key' | Earlier rows of a repeated Portuguese category name quarantined; the last in file order wins (rule 9).
{% endcapture %}
{%- comment %}
The relations the rules are counted in, each read once: name | relation | counted by (rows or sum).
{%- endcomment %}
{%- capture relation_book %}
customers                         | {{ ref('base_customers') }}      | rows
sellers                           | {{ ref('base_sellers') }}        | rows
products                          | {{ ref('base_products') }}       | rows
orders                            | {{ ref('base_orders') }}         | rows
order_items                       | {{ ref('base_order_items') }}    | rows
order_payments                    | {{ ref('base_order_payments') }} | rows
order_reviews                     | {{ ref('base_order_reviews') }}  | rows
review_sharing                    | review_sharing                   | rows
geolocation                       | {{ ref('stg_geolocation') }}     | sum
product_category_name_translation | translation_rows                 | rows
quarantine                        | {{ ref('stg_quarantine') }}      | rows
{% endcapture %}
{%- capture newline %}
{% endcapture %}
{%- capture first_column %}
        {% endcapture %}
{%- capture next_column %},
        {% endcapture %}
{%- assign rules = rule_book | strip | split: newline %}
{%- assign relations = relation_book | strip | split: newline %}
WITH review_sharing AS (
    SELECT
        review_id,
        order_id,
        COUNT(*) OVER (PARTITION BY review_id) AS orders_of_review,
        COUNT(*) OVER (PARTITION BY order_id) AS reviews_of_order
    FROM {{ ref('stg_order_reviews') }}
),
translation_rows AS (
    SELECT
        {{ untrimmed('product_category_name, product_category_name_english') }} AS was_trimmed
    FROM {{ source('raw', 'product_category_name_translation') }}
),
{%- for relation_line in relations %}
{%- assign relation = relation_line | split: '|' %}
{%- assign relation_name = relation[0] | strip %}
{%- assign counted_by = relation[2] | strip %}
{%- assign separator = first_column %}
{{ relation_name }}_counts AS (
    SELECT
{%- for rule_line in rules %}
{%- assign rule = rule_line | split: '|' %}
{%- assign table = rule[0] | strip %}
{%- assign counted_in = rule[3] | strip | default: table %}
{%- if counted_in == relation_name %}
{%- assign name = rule[1] | strip %}
{%- assign counts = rule[4] | strip %}
{%- if counts == '' %}{% assign counts = "drop_reason = '" | append: name | append: "'" %}{% endif %}
{{- separator }}
{%- if counted_by == 'sum' %}coalesce(SUM({{ counts }}), 0){% else %}COUNT(CASE WHEN {{ counts }} THEN 1 END){% endif %} AS {{ table }}__{{ name }}
{%- assign separator = next_column %}
{%- endif %}
{%- endfor %}
    FROM {{ relation[1] | strip }}
),
{%- endfor %}
rule_counts AS (
{%- for rule_line in rules %}
{%- assign rule = rule_line | split: '|' %}
{%- assign table = rule[0] | strip %}
{%- assign name = rule[1] | strip %}
{%- if rule.size > 5 %}{% assign description = rule[5] | strip %}{% else %}{% assign description = '' %}{% endif %}
{%- for first_line in rules %}
{%- assign first = first_line | split: '|' %}
{%- assign first_name = first[1] | strip %}
{%- if description == '' and first_name == name %}{% assign description = first[5] | strip %}{% endif %}
{%- endfor %}
    {% unless forloop.first %}UNION ALL {% endunless %}SELECT '{{ name }}' AS rule, '{{ table }}' AS table_name, '{{ rule[2] | strip }}' AS action, {{ table }}__{{ name }} AS row_count, '{{ description }}' AS description FROM {{ rule[3] | strip | default: table }}_counts
{%- endfor %}
)
SELECT
    rule,
    table_name,
    action,
    CAST(row_count AS {{ type_bigint() }}) AS row_count,
    description
FROM rule_counts
