-- The keys of kpi_sales_sellers and kpi_sales_products number their ids from 1 without gaps in id order, and the order
-- and customer keys of kpi_sales_items and kpi_sales_orders run from 1 without gaps: seller-sales and top-products break
-- ties by the key where metrics.md breaks them by the id. Only the kpi tables are read, so a day's rebuild of the marts
-- (whose tests run on the audited day before the KPIs are rebuilt) does not compare them with other relations.
{%- macro id_steps(entity, relation) -%}
SELECT
        '{{ entity }}' AS entity,
        {{ entity }}_key AS entity_key,
        {{ entity }}_id AS entity_id,
        lag({{ entity }}_id) OVER (ORDER BY {{ entity }}_key) AS previous_id,
        lag({{ entity }}_key) OVER (ORDER BY {{ entity }}_key) AS previous_key
    FROM {{ relation }}
{%- endmacro -%}
{%- macro key_range(entity, relation) -%}
SELECT
        '{{ entity }}' AS entity,
        count(DISTINCT {{ entity }}_key) AS keys,
        min({{ entity }}_key) AS first_key,
        max({{ entity }}_key) AS last_key
    FROM {{ relation }}
{%- endmacro %}
WITH id_steps AS (
    {{ id_steps('seller', ref('kpi_sales_sellers')) }}
    UNION ALL
    {{ id_steps('product', ref('kpi_sales_products')) }}
),
key_ranges AS (
    {{ key_range('order', ref('kpi_sales_items')) }}
    UNION ALL
    {{ key_range('customer', ref('kpi_sales_orders')) }}
)
SELECT entity_id AS id, entity || ' key out of id order' AS problem
FROM id_steps
WHERE (previous_key IS NULL AND entity_key <> 1) OR entity_key <> previous_key + 1 OR entity_id <= previous_id
UNION ALL
SELECT CAST(last_key AS STRING), entity || ' keys have gaps'
FROM key_ranges
WHERE keys > 0 AND (first_key <> 1 OR last_key <> keys)
