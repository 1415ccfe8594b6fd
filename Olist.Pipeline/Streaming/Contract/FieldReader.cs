using System.Runtime.InteropServices;

namespace Olist.Pipeline.Streaming.Contract;

/// <summary>
/// Reads typed fields out of JSON objects under the contract's compatibility rules (numbers may arrive as strings) and
/// keeps the first rule broken; once something failed, every further read is a no-op, so the decoder reads a whole
/// section and checks once.
/// </summary>
internal sealed class FieldReader
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The first rule broken, or null while everything read so far was valid.</summary>
    public Rejection? Rejection { get; private set; }

    public bool Failed => Rejection is not null;

    public void Fail(string reason, string detail) => Rejection ??= new Rejection(reason, detail);

    /// <summary>The property, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The property; a missing one fails with <c>missing_field:name</c>.</summary>
    public JsonElement? Required(JsonElement obj, string name, FieldPath path) => Present(Optional(obj, name), name, path, required: true);

    /// <summary>
    /// <paramref name="value"/>, the property <paramref name="name"/> looked up once by the caller; a missing required
    /// one fails with <c>missing_field:name</c>.
    /// </summary>
    private JsonElement? Present(JsonElement? value, string name, FieldPath path, bool required)
    {
        if (required && value is null)
        {
            Fail(DeadLetterReasons.MissingField(name), $"{path}.{name} is missing");
        }

        return value;
    }

    /// <summary>An object-valued property (required or not); anything else fails with <c>invalid_value:name</c>.</summary>
    public JsonElement? Object(JsonElement obj, string name, FieldPath path, bool required)
    {
        var value = required ? Required(obj, name, path) : Optional(obj, name);
        if (value is { ValueKind: not JsonValueKind.Object })
        {
            Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} is not an object");
            return null;
        }

        return value;
    }

    /// <summary>An identifier: a non-empty string of at most 64 characters.</summary>
    public string? Id(JsonElement obj, string name, FieldPath path, bool required = true)
    {
        var text = Text(obj, name, path, required);
        if (text is not null && (text.Length == 0 || text.Length > OrderVocabulary.MaxIdLength))
        {
            Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} must have 1 to {OrderVocabulary.MaxIdLength} characters, has {text.Length}");
        }

        return Failed ? null : text;
    }

    /// <summary>A text field; numbers are taken as their JSON text (a zip prefix sent as a number keeps its digits).</summary>
    public string? Text(JsonElement obj, string name, FieldPath path, bool required) => TextOf(Optional(obj, name), name, path, required);

    /// <summary>A required text field whose usual values are <paramref name="known"/>, which come back as those names without a new string.</summary>
    public string? KnownText(JsonElement obj, string name, FieldPath path, KnownNames known)
    {
        var value = Optional(obj, name);
        return value is { ValueKind: JsonValueKind.String } text && known.Find(text) is { } match ? match : TextOf(value, name, path, required: true);
    }

    /// <summary>The text of <paramref name="found"/>, the property <paramref name="name"/> or null when absent.</summary>
    private string? TextOf(JsonElement? found, string name, FieldPath path, bool required)
    {
        var value = Present(found, name, path, required);
        switch (value?.ValueKind)
        {
            case null:
                return null;
            case JsonValueKind.String:
                return value.Value.GetString();
            case JsonValueKind.Number:
                return value.Value.GetRawText();
            default:
                Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} is not text");
                return null;
        }
    }

    /// <summary>One of <paramref name="allowed"/>.</summary>
    public string? OneOf(JsonElement obj, string name, FieldPath path, KnownNames allowed)
    {
        var text = KnownText(obj, name, path, allowed);
        if (text is not null && !allowed.Contains(text))
        {
            Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} '{Shorten(text)}' is not one of {allowed.Description}");
            return null;
        }

        return text;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], sent as a JSON number or a string.</summary>
    public int WholeNumber(JsonElement obj, string name, FieldPath path, int min, int max)
    {
        var number = Number(obj, name, path);
        if (number is not { } value)
        {
            return 0;
        }

        if (value != decimal.Truncate(value) || value < min || value > max)
        {
            Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} must be a whole number from {min} to {max}, is {value.ToString(CultureInfo.InvariantCulture)}");
            return 0;
        }

        return (int)value;
    }

    /// <summary>An amount of money rounded to cents that satisfies <paramref name="rule"/> (described by <paramref name="ruleText"/>).</summary>
    public decimal Money(JsonElement obj, string name, FieldPath path, Func<decimal, bool> rule, string ruleText)
    {
        if (Number(obj, name, path) is not { } value)
        {
            return 0;
        }

        var cents = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (!rule(cents))
        {
            Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} must be {ruleText}, is {cents.ToString(CultureInfo.InvariantCulture)}");
            return 0;
        }

        return cents;
    }

    /// <summary>An ISO 8601 instant with <c>Z</c> or an offset; a naive local time is refused because its zone is unknown.</summary>
    public DateTimeOffset? Instant(JsonElement obj, string name, FieldPath path, bool required)
    {
        // Decoding is the consumer's largest CPU cost: an instant in the usual form is read straight from its UTF-8
        // bytes by System.Text.Json's ISO 8601 reader, without a string; any other form takes the general rules below.
        var value = Optional(obj, name);
        if (value is { ValueKind: JsonValueKind.String } element
            && IsZonedInstant(JsonMarshal.GetRawUtf8Value(element))
            && element.TryGetDateTimeOffset(out var iso))
        {
            return iso.ToUniversalTime();
        }

        var text = TextOf(value, name, path, required);
        if (text is null)
        {
            return null;
        }

        if (HasZone(text)
            && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.ToUniversalTime();
        }

        Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} '{Shorten(text)}' is not an ISO 8601 instant with Z or an offset");
        return null;
    }

    private decimal? Number(JsonElement obj, string name, FieldPath path)
    {
        var value = Required(obj, name, path);
        decimal number;
        switch (value?.ValueKind)
        {
            case null:
                return null;
            case JsonValueKind.Number when value.Value.TryGetDecimal(out number):
                return number;
            case JsonValueKind.String when decimal.TryParse(value.Value.GetString(), DecimalStyle, CultureInfo.InvariantCulture, out number):
                return number;
            default:
                Fail(DeadLetterReasons.InvalidValue(name), $"{path}.{name} is not a number");
                return null;
        }
    }

    /// <summary>The raw JSON string (quotes included) has a date, a time and a zone: <c>Z</c> or <c>+hh:mm</c>.</summary>
    private static bool IsZonedInstant(ReadOnlySpan<byte> raw) =>
        raw.Length > 8 && raw.Contains((byte)'T') && (raw[^2] is (byte)'Z' or (byte)'z' || (raw[^7] is (byte)'+' or (byte)'-' && raw[^4] == (byte)':'));

    private static bool HasZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
