using Olist.Pipeline.Configuration;

namespace Olist.Pipeline.Ingestion;

/// <summary>
/// Refuses a load that would replace a raw table with far fewer rows than it holds: a header-only or truncated file
/// would otherwise empty the table and, through the next build, the KPIs, with every step reporting success.
/// </summary>
/// <param name="MinimumRowFraction">The smallest share of a table's rows a load may leave (0.5: at least half); an empty load of a non-empty table is always refused.</param>
/// <param name="AllowShrink">Loads whatever the files hold (<c>load --allow-shrink</c>).</param>
public sealed record ShrinkGuard(double MinimumRowFraction, bool AllowShrink = false)
{
    /// <summary>The guard with the default threshold of <see cref="LoadOptions"/>.</summary>
    public static ShrinkGuard Default { get; } = new(new LoadOptions().MinimumRowFraction);

    /// <summary>The guard configured by <paramref name="options"/>.</summary>
    public static ShrinkGuard From(LoadOptions options, bool allowShrink = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ShrinkGuard(options.MinimumRowFraction, allowShrink);
    }

    /// <summary>True when replacing <paramref name="current"/> rows by <paramref name="incoming"/> would shrink the table too far.</summary>
    public bool Refuses(long current, long incoming) =>
        !AllowShrink && current > 0 && (incoming == 0 || incoming < current * MinimumRowFraction);

    /// <summary>The load's failure when tables were refused (each as <c>table (rows) by file (rows)</c>), after <paramref name="loaded"/> other files were loaded.</summary>
    public PipelineException Refusal(IReadOnlyList<string> refused, int loaded)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return new PipelineException(
            $"refused to replace {string.Join(", ", refused)}: a load may not empty a table or leave it under "
            + $"{(MinimumRowFraction * 100).ToString("0.##", CultureInfo.InvariantCulture)}% of its rows, so {(refused.Count == 1 ? "that table is" : "those tables are")} "
            + $"unchanged{(loaded > 0 ? $" (the other {loaded} files were loaded)" : string.Empty)}; check the file, or load it with --allow-shrink if the shrink is intended.");
    }
}
