using Olist.Pipeline.Transform;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// The KPIs of the analytics project, read from its models' YAML (<see cref="KpiModelReader"/>), and the name-based front
/// door to them: parses a KPI name and option strings (from the command line or a query string) into a validated
/// <see cref="KpiRequest"/>, with clear errors listing the allowed values.
/// </summary>
public sealed class KpiCatalog
{
    /// <summary>Default number of products per period of top-products (metrics.md 4.2).</summary>
    public const int DefaultTop = 10;

    /// <summary>The largest <c>top</c> accepted.</summary>
    public const int MaxTop = 1000;

    /// <summary>A catalog of <paramref name="kpis"/>, in the order given.</summary>
    public KpiCatalog(IReadOnlyList<KpiDefinition> kpis)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        All = kpis;
        Names = [.. kpis.Select(k => k.Name)];
    }

    /// <summary>The KPIs, in metrics.md order (meta <c>section</c>), then by name.</summary>
    public IReadOnlyList<KpiDefinition> All { get; }

    /// <summary>The KPI names, as accepted by <see cref="Parse"/>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The KPIs the models of <paramref name="project"/> describe.</summary>
    public static KpiCatalog From(TransformProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new KpiCatalog(KpiModelReader.Read(project.Metadata()));
    }

    /// <summary>The KPIs the models of the analytics project in <paramref name="projectDirectory"/> describe.</summary>
    public static KpiCatalog Load(string projectDirectory) => new(KpiModelReader.Read(TransformProject.ReadMetadata(projectDirectory)));

    /// <summary>The KPI called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No KPI has that name.</exception>
    public KpiDefinition this[string name] =>
        All.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"No KPI named '{name}'; there are {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// A request for <paramref name="name"/> from typed options, for code that knows the KPI (a page, the overview): the
    /// defaults fill what is left out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The KPI does not take the grain, or top is below 1.</exception>
    public KpiRequest Request(string name, DateRange range, TimeGrain? grain = null, LocationLevel? level = null, int? top = null)
    {
        ArgumentNullException.ThrowIfNull(range);
        var kpi = this[name];
        if (grain is { } g && !kpi.Grains.Contains(g))
        {
            throw new ArgumentOutOfRangeException(nameof(grain), g, $"{kpi.Name} takes grain {string.Join(", ", kpi.Grains.Select(KpiRequest.Label))}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(top ?? DefaultTop, 1, nameof(top));
        return new KpiRequest(kpi, grain ?? kpi.DefaultGrain ?? TimeGrain.Month, level ?? kpi.Level?.Default ?? LocationLevel.State, top ?? DefaultTop, range);
    }

    /// <summary>
    /// Validates <paramref name="name"/> and <paramref name="options"/> (grain, level, top, from, to; a null or empty value
    /// counts as not given) into a request with defaults filled in.
    /// </summary>
    /// <exception cref="KpiRequestException">The KPI or an option is unknown, does not apply, or has a bad value.</exception>
    public KpiRequest Parse(string? name, IReadOnlyDictionary<string, string?> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kpi = All.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new KpiRequestException("name", $"unknown KPI '{name}'", Names);
        var given = options.Where(o => !string.IsNullOrWhiteSpace(o.Value)).ToDictionary(o => o.Key, o => o.Value!.Trim(), StringComparer.OrdinalIgnoreCase);
        foreach (var option in given.Keys.Where(o => !kpi.Options.Contains(o, StringComparer.OrdinalIgnoreCase)))
        {
            throw new KpiRequestException(option, $"{kpi.Name} does not take option '{option}'", kpi.Options);
        }

        var grain = given.TryGetValue("grain", out var g) ? ParseChoice(g, "grain", kpi.Name, kpi.Grains, KpiRequest.Label) : kpi.DefaultGrain ?? TimeGrain.Month;
        var level = given.TryGetValue("level", out var l)
            ? ParseChoice(l, "level", kpi.Name, kpi.Level?.Values ?? [], KpiRequest.Label)
            : kpi.Level?.Default ?? LocationLevel.State;
        var top = given.TryGetValue("top", out var t) ? ParseTop(t) : DefaultTop;
        var from = given.TryGetValue("from", out var f) ? ParseDate(f, "from") : (DateOnly?)null;
        var to = given.TryGetValue("to", out var e) ? ParseDate(e, "to") : (DateOnly?)null;
        if (from > to)
        {
            throw new KpiRequestException("from", $"from ({f}) is after to ({e})", []);
        }

        return new KpiRequest(kpi, grain, level, top, new DateRange(from, to));
    }

    private static T ParseChoice<T>(string value, string option, string kpi, IReadOnlyList<T> allowed, Func<T, string> label)
        where T : struct, Enum
    {
        foreach (var choice in allowed.Where(a => string.Equals(label(a), value, StringComparison.OrdinalIgnoreCase)))
        {
            return choice;
        }

        throw new KpiRequestException(option, $"{kpi} does not take {option} '{value}'", [.. allowed.Select(label)]);
    }

    private static int ParseTop(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= MaxTop
            ? top
            : throw new KpiRequestException("top", $"top must be a whole number from 1 to {MaxTop}, not '{value}'", []);

    private static DateOnly ParseDate(string value, string option) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new KpiRequestException(option, $"{option} must be a date YYYY-MM-DD, not '{value}'", []);
}
