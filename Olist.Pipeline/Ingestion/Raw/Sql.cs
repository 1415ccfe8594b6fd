using System.Globalization;

namespace Olist.Pipeline.Ingestion.Raw;

/// <summary>Quotes names and values for SQL text where DuckDB takes no parameters (table functions, DDL).</summary>
internal static class Sql
{
    public static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public static string Timestamp(DateTimeOffset value) =>
        $"TIMESTAMPTZ '{value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'";
}
