namespace Olist.Pipeline.Transform.Project;

/// <summary>The kinds a variable's value is checked against before it reaches SQL.</summary>
public enum VarKind
{
    /// <summary>A day, accepted as any ISO date and rendered <c>YYYY-MM-DD</c>.</summary>
    Date,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A decimal number with a dot.</summary>
    Number,

    /// <summary>A plain word: letters, digits, <c>_ - . :</c> and spaces.</summary>
    Text,

    /// <summary>One of a declared list of values.</summary>
    Choice,
}

/// <summary>A variable declared in <c>olist_project.yml</c>: its kind, default and, for a choice, the allowed values.</summary>
public sealed partial record VarDefinition(string Name, VarKind Kind, string? Default, IReadOnlyList<string> Values)
{
    /// <summary>The kind a value of an undeclared variable is taken for: a date, a number, else a plain word.</summary>
    public static VarKind Infer(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? VarKind.Date
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? VarKind.WholeNumber
        : decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) ? VarKind.Number
        : VarKind.Text;

    /// <summary>The value as it is rendered into SQL, or null when it is not of this variable's kind.</summary>
    public string? Normalize(string value)
    {
        var trimmed = value.Trim();
        return Kind switch
        {
            VarKind.Date => DateOnly.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
            VarKind.WholeNumber => long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : null,
            VarKind.Number => decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : null,
            VarKind.Choice => Values.Contains(trimmed, StringComparer.Ordinal) ? trimmed : null,
            _ => PlainText().IsMatch(trimmed) ? trimmed : null,
        };
    }

    /// <summary>What a valid value looks like, for error messages.</summary>
    public string Expected => Kind switch
    {
        VarKind.Date => "a date YYYY-MM-DD",
        VarKind.WholeNumber => "a whole number",
        VarKind.Number => "a number",
        VarKind.Choice => $"one of {string.Join(", ", Values)}",
        _ => "a plain word (letters, digits, _ - . : and spaces)",
    };

    [GeneratedRegex(@"^[\p{L}\p{Nd}_\-.: ]*$")]
    private static partial Regex PlainText();
}
