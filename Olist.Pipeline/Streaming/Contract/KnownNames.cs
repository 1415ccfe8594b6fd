namespace Olist.Pipeline.Streaming.Contract;

/// <summary>A closed set of text values, matched against a JSON string's bytes so a known value costs no new string.</summary>
internal sealed class KnownNames(IReadOnlySet<string> names)
{
    private readonly (string Name, byte[] Utf8)[] _names = [.. names.Order(StringComparer.Ordinal).Select(n => (n, System.Text.Encoding.UTF8.GetBytes(n)))];

    /// <summary>The names in ordinal order, comma separated, as rejection details list them.</summary>
    public string Description { get; } = string.Join(", ", names.Order(StringComparer.Ordinal));

    public bool Contains(string text) => names.Contains(text);

    /// <summary>The name <paramref name="value"/> (a JSON string) spells, or null when it is none of them.</summary>
    public string? Find(System.Text.Json.JsonElement value)
    {
        foreach (var (name, utf8) in _names)
        {
            if (value.ValueEquals(utf8))
            {
                return name;
            }
        }

        return null;
    }
}
