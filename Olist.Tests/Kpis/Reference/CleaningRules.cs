namespace Olist.Tests.Kpis.Reference;

/// <summary>The value-level cleaning rules of metrics.md section 2, written independently of the staging SQL.</summary>
public static partial class CleaningRules
{
    /// <summary>Rule 3: a zip prefix left-padded with zeros to five characters.</summary>
    public static string? Zip(string? value) => value?.PadLeft(5, '0');

    /// <summary>Rule 4: lower case, diacritics removed (NFD, combining marks dropped), inner white space collapsed, trimmed.</summary>
    public static string? City(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var bare = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                bare.Append(c);
            }
        }

        var city = WhiteSpaceRun().Replace(bare.ToString(), " ").ToLowerInvariant().Trim();
        return city.Length == 0 ? null : city;
    }

    /// <summary>Rule 4: state codes upper case (the record reader has trimmed them).</summary>
    public static string? State(string? value) => value?.ToUpperInvariant();

    /// <summary>Rule 5: order status lower case (already trimmed).</summary>
    public static string? Status(string? value) => value?.ToLowerInvariant();

    /// <summary>Rule 6: a <c>YYYY-MM-DD HH:MM:SS</c> timestamp, or null when it does not parse.</summary>
    public static DateTime? Timestamp(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : null;

    /// <summary>A money amount with a decimal point, or null when it does not parse.</summary>
    public static decimal? Money(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;

    /// <summary>A whole number, or null when it does not parse.</summary>
    public static int? WholeNumber(string? value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpaceRun();
}
