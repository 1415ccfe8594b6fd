namespace Olist.Pipeline.Kpis;

/// <summary>
/// One KPI as its model's YAML describes it (<c>models/kpis/_kpis.yml</c>): what it is called and means, the columns it
/// returns, the options it takes and the order of its rows. The catalog reads it from the manifest; nothing in C# repeats it.
/// </summary>
/// <param name="Name">The name used by the <c>kpi</c> verb, <c>/api/kpis/{name}</c> and the page <c>/kpi/{name}</c> (meta <c>kpi</c>).</param>
/// <param name="Title">A short title for pages and listings (meta <c>title</c>).</param>
/// <param name="Definition">What it measures: the model's description.</param>
/// <param name="Model">The <c>kpi_*</c> model it reads.</param>
/// <param name="Schema">The schema the model is built in.</param>
/// <param name="Columns">The columns it returns, in YAML order.</param>
/// <param name="Grain">The grain option, when the model has a column filtered by it.</param>
/// <param name="Level">The location level option, when the model has a column filtered by it.</param>
/// <param name="TopColumn">The column kept at or under the option <c>top</c>, when it takes one (meta <c>top</c>).</param>
/// <param name="OrderBy">The order of its rows (meta <c>order_by</c>).</param>
public sealed record KpiDefinition(
    string Name,
    string Title,
    string Definition,
    string Model,
    string Schema,
    IReadOnlyList<KpiColumn> Columns,
    KpiChoice<TimeGrain>? Grain,
    KpiChoice<LocationLevel>? Level,
    string? TopColumn,
    string OrderBy)
{
    private readonly Dictionary<string, int> _ordinals = Columns.Select((c, i) => (c.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);

    /// <summary>Row readers of typed views, built once per view type (<see cref="KpiRow.As{T}"/>).</summary>
    internal ConcurrentDictionary<Type, object> Binders { get; } = new();

    /// <summary>Grains the KPI takes, empty when it takes none.</summary>
    public IReadOnlyList<TimeGrain> Grains => Grain?.Values ?? [];

    /// <summary>The grain used when none is given.</summary>
    public TimeGrain? DefaultGrain => Grain?.Default;

    /// <summary>Whether it takes a location level.</summary>
    public bool HasLevel => Level is not null;

    /// <summary>Whether it takes <c>top</c>.</summary>
    public bool HasTop => TopColumn is not null;

    /// <summary>The names of the columns it returns, in order.</summary>
    public IReadOnlyList<string> ColumnNames => [.. Columns.Select(c => c.Name)];

    /// <summary>The options the KPI takes, by their names on the command line and in the query string.</summary>
    public IReadOnlyList<string> Options =>
    [
        .. Grain is not null ? ["grain"] : Array.Empty<string>(),
        .. Level is not null ? ["level"] : Array.Empty<string>(),
        .. TopColumn is not null ? ["top"] : Array.Empty<string>(),
        "from",
        "to",
    ];

    /// <summary>The option filters of the read: each column compared with a query parameter.</summary>
    public IReadOnlyList<KpiFilter> Filters =>
    [
        .. Grain is { } grain ? [new KpiFilter(grain.Column, "=", "grain", typeof(string))] : Array.Empty<KpiFilter>(),
        .. Level is { } level ? [new KpiFilter(level.Column, "=", "level", typeof(string))] : Array.Empty<KpiFilter>(),
        .. TopColumn is { } top ? [new KpiFilter(top, "<=", "top", typeof(int))] : Array.Empty<KpiFilter>(),
    ];

    /// <summary>The position of <paramref name="column"/> among <see cref="Columns"/>, or -1.</summary>
    public int Ordinal(string column) => _ordinals.GetValueOrDefault(column, -1);

    /// <summary>
    /// The read of its rows from <paramref name="relation"/>, parameters written as <paramref name="parameterMarker"/> and their
    /// name (<c>$grain</c>, <c>@grain</c>): the same SQL on every warehouse but for those two.
    /// </summary>
    public string Sql(string relation, string parameterMarker)
    {
        var filters = Filters;
        var where = filters.Count == 0
            ? string.Empty
            : " WHERE " + string.Join(" AND ", filters.Select(f => $"{f.Column} {f.Operator} {parameterMarker}{f.Parameter}"));
        return $"SELECT {string.Join(", ", ColumnNames)} FROM {relation}{where} ORDER BY {OrderBy}";
    }

    /// <summary>The model's own query rendered for a date range, read in place of its table.</summary>
    public string RangeRelation(string modelSql)
    {
        ArgumentNullException.ThrowIfNull(modelSql);
        return $"({modelSql.TrimEnd().TrimEnd(';')}) AS {Model}";
    }
}

/// <summary>An option that picks one value of a column (grain, level): the column, the values it takes and the default.</summary>
public sealed record KpiChoice<T>(string Column, IReadOnlyList<T> Values, T Default)
    where T : struct, Enum;

/// <summary>An option filter: <paramref name="Column"/> compared with the query parameter <paramref name="Parameter"/>, whose value is a <paramref name="ValueType"/>.</summary>
public sealed record KpiFilter(string Column, string Operator, string Parameter, Type ValueType);
