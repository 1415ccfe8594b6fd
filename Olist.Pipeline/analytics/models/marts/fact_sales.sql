-- One row per order item (one unit), by purchase day ds, with the order's payments allocated to its items in
-- proportion to price + freight, in whole cents by largest remainder, so each order's items sum to its payments.
WITH orders_of_day AS (
    SELECT
        order_id,
        customer_unique_id,
        customer_state,
        customer_city,
        order_status,
        is_sales_order,
        order_purchase_timestamp,
        purchase_date,
        order_value
    FROM {{ ref('fact_orders') }}
    {% if is_incremental() %}
    WHERE purchase_date = DATE '{{ var('ds') }}'
    {% endif %}
),
weighted_items AS (
    SELECT
        items.order_id,
        items.order_item_id,
        items.product_id,
        items.seller_id,
        items.price,
        items.freight_value,
        items.is_unknown_product,
        items.is_unknown_seller,
        orders_of_day.customer_unique_id,
        orders_of_day.customer_state,
        orders_of_day.customer_city,
        orders_of_day.order_status,
        orders_of_day.is_sales_order,
        orders_of_day.order_purchase_timestamp,
        orders_of_day.purchase_date,
        CAST(orders_of_day.order_value * 100 AS {{ type_bigint() }}) AS payment_cents,
        CAST((coalesce(items.price, 0) + coalesce(items.freight_value, 0)) * 100 AS {{ type_bigint() }}) AS weight_cents
    FROM {{ ref('stg_order_items') }} AS items
    INNER JOIN orders_of_day
        ON orders_of_day.order_id = items.order_id
),
-- Items of an order whose price and freight are all zero share its payments equally.
item_shares AS (
    SELECT
        *,
        CASE WHEN SUM(weight_cents) OVER (PARTITION BY order_id) > 0 THEN weight_cents ELSE 1 END AS share_weight,
        CASE
            WHEN SUM(weight_cents) OVER (PARTITION BY order_id) > 0 THEN SUM(weight_cents) OVER (PARTITION BY order_id)
            ELSE COUNT(*) OVER (PARTITION BY order_id)
        END AS share_total
    FROM weighted_items
),
floored_shares AS (
    SELECT
        *,
        {{ int_div('payment_cents * share_weight', 'share_total') }} AS floor_cents,
        mod(payment_cents * share_weight, share_total) AS remainder_weight
    FROM item_shares
),
ranked_remainders AS (
    SELECT
        *,
        payment_cents - SUM(floor_cents) OVER (PARTITION BY order_id) AS leftover_cents,
        row_number() OVER (PARTITION BY order_id ORDER BY remainder_weight DESC, order_item_id ASC) AS remainder_rank
    FROM floored_shares
)
SELECT
    ranked_remainders.order_id,
    ranked_remainders.order_item_id,
    ranked_remainders.purchase_date AS ds,
    ranked_remainders.order_purchase_timestamp,
    ranked_remainders.order_status,
    ranked_remainders.is_sales_order,
    ranked_remainders.customer_unique_id,
    ranked_remainders.customer_state,
    ranked_remainders.customer_city,
    ranked_remainders.product_id,
    coalesce(products.product_category, 'unknown') AS product_category,
    ranked_remainders.seller_id,
    sellers.seller_state,
    sellers.seller_city,
    ranked_remainders.price,
    ranked_remainders.freight_value,
    CAST(
        CAST(ranked_remainders.floor_cents + CASE WHEN ranked_remainders.remainder_rank <= ranked_remainders.leftover_cents THEN 1 ELSE 0 END AS DECIMAL(18, 2))
        * 0.01 AS DECIMAL(18, 2)) AS allocated_payment,
    ranked_remainders.is_unknown_product,
    ranked_remainders.is_unknown_seller
FROM ranked_remainders
LEFT JOIN {{ ref('dim_products') }} AS products
    ON products.product_id = ranked_remainders.product_id
LEFT JOIN {{ ref('dim_sellers') }} AS sellers
    ON sellers.seller_id = ranked_remainders.seller_id
