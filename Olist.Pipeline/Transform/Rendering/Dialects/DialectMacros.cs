namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>
/// The built-in dialect macros a model calls like functions (<c>{{ normalize_city('customer_city') }}</c>): their names,
/// argument checks, and the dialect method each renders with. Arguments are SQL expressions given as strings.
/// </summary>
internal static class DialectMacros
{
    public static readonly IReadOnlyList<string> DateParts = ["day", "week", "month", "quarter", "year"];

    public static readonly IReadOnlyList<string> CastTypes = ["timestamp", "date", "integer", "decimal", "double"];

    /// <summary>Each macro: its name, how many arguments it takes (least, most), and how it renders.</summary>
    public static readonly IReadOnlyList<Macro> All =
    [
        new("date_trunc_to", 2, 2, (d, a) => d.DateTruncTo(OneOf(a[0], DateParts, "part"), a[1])),
        new("date_diff_seconds", 2, 2, (d, a) => d.DateDiffSeconds(a[0], a[1])),
        new("safe_cast", 2, 2, (d, a) => d.SafeCast(a[0], OneOf(a[1], CastTypes, "type"))),
        new("parse_timestamp", 1, 1, (d, a) => d.ParseTimestamp(a[0])),
        new("percentile_cont", 2, 3, (d, a) => d.PercentileCont(a[0], Fraction(a[1]), a.Count > 2 ? a[2] : null)),
        new("normalize_city", 1, 1, (d, a) => d.NormalizeCity(a[0])),
        new("iso_week_monday", 1, 1, (d, a) => d.IsoWeekMonday(a[0])),
        new("format_month", 1, 1, (d, a) => d.FormatMonth(a[0])),
        new("type_int", 0, 0, (d, _) => d.IntType),
        new("type_bigint", 0, 0, (d, _) => d.BigIntType),
        new("type_double", 0, 0, (d, _) => d.DoubleType),
    ];

    private static string OneOf(string value, IReadOnlyList<string> allowed, string what) =>
        allowed.Contains(value.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            ? value.Trim().ToLowerInvariant()
            : throw new ArgumentException($"{what} must be one of {string.Join(", ", allowed)}, not '{value}'.");

    private static string Fraction(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and <= 1
            ? fraction.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"fraction must be a number from 0 to 1, not '{value}'.");

    /// <summary>One dialect macro.</summary>
    public sealed record Macro(string Name, int MinArguments, int MaxArguments, Func<SqlDialect, IReadOnlyList<string>, string> Render);
}
