namespace Olist.Pipeline.Kpis;

/// <summary>A column a KPI returns, as its model's YAML describes it.</summary>
/// <param name="Name">The column name (the metrics.md JSON key).</param>
/// <param name="Description">What it means: the YAML description.</param>
/// <param name="Type">Its value type, from the YAML <c>data_type</c>.</param>
/// <param name="Nullable">Whether it may be empty: it has no <c>not_null</c> test.</param>
public sealed record KpiColumn(string Name, string Description, KpiValueType Type, bool Nullable)
{
    /// <summary>The .NET type of its values.</summary>
    public Type ClrType => Type switch
    {
        KpiValueType.Text => typeof(string),
        KpiValueType.SmallInteger => typeof(int),
        KpiValueType.BigInteger => typeof(long),
        KpiValueType.ExactNumber => typeof(decimal),
        KpiValueType.ApproximateNumber => typeof(double),
        _ => typeof(bool),
    };

    /// <summary>The value type of a YAML <c>data_type</c>, or null when it is not one a KPI can return.</summary>
    internal static KpiValueType? TypeOf(string? dataType) =>
        dataType?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "VARCHAR" or "TEXT" or "STRING" => KpiValueType.Text,
            "INTEGER" or "INT" => KpiValueType.SmallInteger,
            "BIGINT" => KpiValueType.BigInteger,
            "DOUBLE" => KpiValueType.ApproximateNumber,
            "BOOLEAN" => KpiValueType.Boolean,
            { } d when d.StartsWith("DECIMAL", StringComparison.Ordinal) => KpiValueType.ExactNumber,
            _ => null,
        };
}

/// <summary>The value types a KPI column can have, by the SQL type they come from.</summary>
public enum KpiValueType
{
    /// <summary>VARCHAR: text.</summary>
    Text,

    /// <summary>INTEGER: a 32-bit whole number.</summary>
    SmallInteger,

    /// <summary>BIGINT: a 64-bit whole number.</summary>
    BigInteger,

    /// <summary>DECIMAL(p,s): money and other exact figures.</summary>
    ExactNumber,

    /// <summary>DOUBLE: averages, percentages and other computed ratios.</summary>
    ApproximateNumber,

    /// <summary>BOOLEAN.</summary>
    Boolean,
}
