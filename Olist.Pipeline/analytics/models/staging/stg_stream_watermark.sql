-- The live stream's high-water mark for this build: the latest consumer commit of raw.stream_*, taken once, before any
-- other model reads the stream. Every model and test that reads the stream reads only rows committed up to it
-- (macros/versions.liquid), so a whole build (and a daily run, whose staging task builds it) sees one snapshot of the
-- stream while the consumer keeps committing; what arrives meanwhile waits for the next build.
SELECT
    coalesce(max(commit_seq), 0) AS commit_seq
FROM {{ source('raw', 'stream_orders') }}
