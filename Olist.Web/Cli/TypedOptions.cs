using System.CommandLine.Parsing;
using System.Numerics;

namespace Olist.Web.Cli;

/// <summary>
/// The verbs' typed options. Each parses and checks its value itself and reports a bad one as a parse error in plain
/// words, so every verb answers bad usage the same way (one line, exit code 2) and no value reaches a verb unchecked.
/// </summary>
internal static class TypedOptions
{
    /// <summary>A required <c>YYYY-MM-DD</c> day.</summary>
    public static Option<DateOnly> Day(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        HelpName = "YYYY-MM-DD",
        CustomParser = result => ParseDay(result) ?? default,
    };

    /// <summary>An optional <c>YYYY-MM-DD</c> day; null when not given.</summary>
    public static Option<DateOnly?> OptionalDay(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = ParseDay,
    };

    /// <summary>A number that must satisfy <paramref name="valid"/>, described by <paramref name="rule"/> (such as "from 0 to 100").</summary>
    public static Option<double> Number(string name, string description, double byDefault, Func<double, bool> valid, string rule) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => byDefault,
        CustomParser = result => ParseNumber(result, NumberStyles.Float, "a number", valid, rule) ?? byDefault,
    };

    /// <summary>A whole number that must satisfy <paramref name="valid"/>, described by <paramref name="rule"/>.</summary>
    public static Option<T> WholeNumber<T>(string name, string description, T byDefault, Func<T, bool> valid, string rule)
        where T : struct, IBinaryInteger<T> => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => byDefault,
        CustomParser = result => ParseNumber(result, NumberStyles.Integer, "a whole number", valid, rule) ?? byDefault,
    };

    /// <summary>An optional whole number; null when not given.</summary>
    public static Option<T?> OptionalWholeNumber<T>(string name, string description)
        where T : struct, IBinaryInteger<T> => new(name)
    {
        Description = description,
        CustomParser = result => ParseNumber<T>(result, NumberStyles.Integer, "a whole number", _ => true, string.Empty),
    };

    /// <summary>One of <paramref name="values"/>, the first being the default.</summary>
    public static Option<string> Choice(string name, string description, params string[] values) => new(name)
    {
        Description = $"{description} ({string.Join(", ", values)}; default {values[0]}).",
        HelpName = string.Join("|", values),
        DefaultValueFactory = _ => values[0],
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            if (values.Contains(value, StringComparer.Ordinal))
            {
                return value;
            }

            result.AddError($"unknown {Name(result)} '{value}'; allowed: {string.Join(", ", values)}.");
            return values[0];
        },
    };

    /// <summary>An absolute http or https address.</summary>
    public static Option<Uri> Url(string name, string description, Uri byDefault) => new(name)
    {
        Description = description,
        HelpName = "URL",
        DefaultValueFactory = _ => byDefault,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }

            result.AddError($"{Name(result)} '{text}' is not an http:// or https:// address.");
            return byDefault;
        },
    };

    private static DateOnly? ParseDay(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        result.AddError($"{Name(result)} '{text}' is not a date: use YYYY-MM-DD, such as 2018-01-31.");
        return null;
    }

    private static T? ParseNumber<T>(ArgumentResult result, NumberStyles style, string noun, Func<T, bool> valid, string rule)
        where T : struct, INumber<T>
    {
        var text = result.Tokens[0].Value;
        if (!T.TryParse(text, style, CultureInfo.InvariantCulture, out var value) || !T.IsFinite(value))
        {
            result.AddError($"{Name(result)} '{text}' is not {noun}.");
            return null;
        }

        if (!valid(value))
        {
            result.AddError($"{Name(result)} must be {rule}, not {text}.");
            return null;
        }

        return value;
    }

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
