namespace Olist.Pipeline.Orchestration.Runs;

/// <summary>The plain snake_case names of states and run types (<c>upstream_failed</c>), as stored, printed and sent over the API.</summary>
public static class StateNames
{
    /// <summary>The name of <paramref name="value"/>, such as <c>up_for_retry</c>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The value named <paramref name="name"/>; a clear error for any other text.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum =>
        TryParse<T>(name, out var value)
            ? value
            : throw new PipelineException($"'{name}' is not a {typeof(T).Name}: use one of {string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)))}.");

    /// <summary>True when <paramref name="name"/> names a value.</summary>
    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
