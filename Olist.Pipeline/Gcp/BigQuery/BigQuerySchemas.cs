namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>Column definitions the DuckDB warehouse writes (<c>"order_id" VARCHAR, event_time TIMESTAMPTZ NOT NULL</c>) as BigQuery fields, so both warehouses keep one definition.</summary>
public static class BigQuerySchemas
{
    /// <summary>Each definition as a field: VARCHAR as STRING, TIMESTAMPTZ as TIMESTAMP, BOOLEAN as BOOL, INTEGER and BIGINT as INT64, BLOB as BYTES; NOT NULL as REQUIRED.</summary>
    public static IReadOnlyList<TableFieldSchema> FromDuckDb(string definitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definitions);
        return [.. definitions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Field)];
    }

    private static TableFieldSchema Field(string definition)
    {
        var parts = definition.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var type = parts[1] switch
        {
            "VARCHAR" => "STRING",
            "TIMESTAMPTZ" => "TIMESTAMP",
            "BOOLEAN" => "BOOL",
            "INTEGER" or "BIGINT" => "INT64",
            "BLOB" => "BYTES",
            var other => throw new ArgumentException($"no BigQuery type for the DuckDB type {other} of {parts[0]}", nameof(definition)),
        };
        return new TableFieldSchema(parts[0].Trim('"'), type, definition.EndsWith("NOT NULL", StringComparison.Ordinal) ? "REQUIRED" : "NULLABLE");
    }
}
