-- One row per zip code prefix (metrics.md rule 11): median coordinates of the points inside Brazil,
-- the most frequent city and state (ties: alphabetical first), and what the reduction cleaned.
WITH source_rows AS (
    SELECT
        {{ cleaned_columns('geolocation_zip_code_prefix AS zip_text, geolocation_lat AS latitude_text, geolocation_lng AS longitude_text,
            geolocation_city AS city_text, geolocation_state AS state_text') }}
    FROM {{ source('raw', 'geolocation') }}
),
points AS (
    SELECT
        lpad(zip_text, 5, '0') AS zip_code_prefix,
        length(zip_text) < 5 AS zip_padded,
        city_text,
        upper(state_text) AS state,
        coalesce(state_text <> upper(state_text), FALSE) AS state_upper_cased,
        was_trimmed,
        {{ safe_cast('latitude_text', 'double') }} AS latitude,
        {{ safe_cast('longitude_text', 'double') }} AS longitude
    FROM source_rows
    WHERE zip_text IS NOT NULL
),
located_points AS (
    SELECT
        *,
        coalesce(latitude BETWEEN -33.75 AND 5.27 AND longitude BETWEEN -73.99 AND -34.79, FALSE) AS inside_brazil
    FROM points
),
prefix_points AS (
    SELECT
        zip_code_prefix,
        {{ percentile_cont('CASE WHEN inside_brazil THEN latitude END', 0.5) }} AS latitude,
        {{ percentile_cont('CASE WHEN inside_brazil THEN longitude END', 0.5) }} AS longitude,
        COUNT(*) AS points,
        COUNT(CASE WHEN NOT inside_brazil THEN 1 END) AS points_outside_brazil,
        COUNT(CASE WHEN zip_padded THEN 1 END) AS points_zip_padded,
        COUNT(CASE WHEN state_upper_cased THEN 1 END) AS points_state_upper_cased,
        COUNT(CASE WHEN was_trimmed THEN 1 END) AS points_trimmed
    FROM located_points
    GROUP BY zip_code_prefix
),
-- Cities are normalised once per distinct spelling of a prefix, not once per point. A normalised spelling is never
-- NULL, and no filter on it may follow: the optimiser would push it below the GROUP BY, onto every point.
city_spellings AS (
    SELECT
        zip_code_prefix,
        city_text,
        COUNT(*) AS points
    FROM points
    WHERE city_text IS NOT NULL
    GROUP BY zip_code_prefix, city_text
),
normalized_spellings AS (
    SELECT
        zip_code_prefix,
        {{ normalize_city('city_text') }} AS city,
        city_text <> {{ normalize_city('city_text') }} AS city_normalized,
        points
    FROM city_spellings
),
city_votes AS (
    SELECT
        zip_code_prefix,
        city,
        SUM(points) AS points,
        SUM(CASE WHEN city_normalized THEN points ELSE 0 END) AS points_city_normalized
    FROM normalized_spellings
    GROUP BY zip_code_prefix, city
),
ranked_cities AS (
    SELECT
        zip_code_prefix,
        city,
        SUM(points_city_normalized) OVER (PARTITION BY zip_code_prefix) AS points_city_normalized,
        row_number() OVER (PARTITION BY zip_code_prefix ORDER BY points DESC, city ASC) AS city_rank
    FROM city_votes
),
ranked_states AS (
    SELECT
        zip_code_prefix,
        state,
        row_number() OVER (PARTITION BY zip_code_prefix ORDER BY COUNT(*) DESC, state ASC) AS state_rank
    FROM points
    WHERE state IS NOT NULL
    GROUP BY zip_code_prefix, state
)
SELECT
    prefix_points.zip_code_prefix,
    prefix_points.latitude,
    prefix_points.longitude,
    ranked_cities.city,
    ranked_states.state,
    prefix_points.points,
    prefix_points.points_outside_brazil,
    prefix_points.points_zip_padded,
    coalesce(ranked_cities.points_city_normalized, 0) AS points_city_normalized,
    prefix_points.points_state_upper_cased,
    prefix_points.points_trimmed
FROM prefix_points
LEFT JOIN ranked_cities
    ON ranked_cities.zip_code_prefix = prefix_points.zip_code_prefix
    AND ranked_cities.city_rank = 1
LEFT JOIN ranked_states
    ON ranked_states.zip_code_prefix = prefix_points.zip_code_prefix
    AND ranked_states.state_rank = 1
