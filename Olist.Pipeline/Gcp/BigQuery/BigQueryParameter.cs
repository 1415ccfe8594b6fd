namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// A typed named query parameter (<c>@name</c>): values travel as text in BigQuery's own forms (INT64 and NUMERIC as
/// decimal text, BOOL <c>true</c>/<c>false</c>, DATE <c>2024-01-31</c>, TIMESTAMP <c>2024-01-31 10:00:00.000000+00:00</c>),
/// NULL as a value left out, arrays as their elements.
/// </summary>
public sealed record BigQueryParameter(string Name, QueryParameterType Type, QueryParameterValue Value)
{
    /// <summary>A STRING.</summary>
    public static BigQueryParameter OfString(string name, string? value) => Scalar(name, "STRING", value);

    /// <summary>An INT64.</summary>
    public static BigQueryParameter OfInt64(string name, long? value) => Scalar(name, "INT64", value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A FLOAT64; NaN and infinities as BigQuery spells them.</summary>
    public static BigQueryParameter OfFloat64(string name, double? value) => Scalar(name, "FLOAT64", value is { } v ? FloatText(v) : null);

    /// <summary>A NUMERIC (38 digits, 9 after the point).</summary>
    public static BigQueryParameter OfNumeric(string name, decimal? value) => Scalar(name, "NUMERIC", value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A BOOL.</summary>
    public static BigQueryParameter OfBool(string name, bool? value) => Scalar(name, "BOOL", value is { } v ? (v ? "true" : "false") : null);

    /// <summary>A DATE.</summary>
    public static BigQueryParameter OfDate(string name, DateOnly? value) => Scalar(name, "DATE", value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A TIMESTAMP, to the microsecond, in UTC.</summary>
    public static BigQueryParameter OfTimestamp(string name, DateTimeOffset? value) => Scalar(name, "TIMESTAMP", value is { } v ? TimestampText(v) : null);

    /// <summary>An ARRAY of <paramref name="elementType"/> (a scalar type name such as <c>STRING</c>) holding <paramref name="values"/> as BigQuery's text.</summary>
    public static BigQueryParameter OfArray(string name, string elementType, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name, new QueryParameterType("ARRAY", new QueryParameterType(elementType)), new QueryParameterValue(ArrayValues: [.. values.Select(v => new QueryParameterValue(v))]));
    }

    /// <summary>An ARRAY&lt;STRING&gt;.</summary>
    public static BigQueryParameter OfStringArray(string name, IEnumerable<string> values) => OfArray(name, "STRING", values);

    /// <summary>An ARRAY&lt;INT64&gt;.</summary>
    public static BigQueryParameter OfInt64Array(string name, IEnumerable<long> values) =>
        OfArray(name, "INT64", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The TIMESTAMP text BigQuery takes: SQL form with a space and an explicit UTC offset.</summary>
    public static string TimestampText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00";

    internal QueryParameter ToWire() => new(Name, Type, Value);

    private static BigQueryParameter Scalar(string name, string type, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(name, new QueryParameterType(type), new QueryParameterValue(value));
    }

    private static string FloatText(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : value.ToString("R", CultureInfo.InvariantCulture);
}
