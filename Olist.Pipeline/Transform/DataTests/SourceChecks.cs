using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.DataTests;

/// <summary>
/// Fails with one row (the count) when a model or source table holds fewer than <paramref name="Min"/> rows: an empty
/// load reads as a table like any other, so without this check the models built from it are silently empty.
/// </summary>
internal sealed record RowCountTest(string Name, Severity Severity, string DefinedIn, string? Model, SourceTable? Source, int Min)
    : DataTest(Name, Severity, DefinedIn)
{
    public override string Kind => "row_count";

    public override string? AttachedModel => Model;

    public override IReadOnlyList<string> DependsOn => Model is null ? [] : [Model];

    public override IReadOnlyList<SourceTable> Sources => Source is null ? [] : [Source];

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?> { ["min"] = Min };

    public override string Sql(ITestSqlContext context)
    {
        var relation = Source is null ? context.Relation(Model!) : context.Source(Source);
        return $"SELECT count(*) AS row_count\nFROM {relation}\nHAVING count(*) < {Min.ToString(CultureInfo.InvariantCulture)}";
    }

    public override string Explain(long failures, IReadOnlyList<IReadOnlyDictionary<string, object?>> sample) =>
        $"{(Source is null ? Model : $"source {Source.Schema}.{Source.Name}")} holds {Rows(sample)} rows, fewer than {Min:N0}"
        + (Source is null ? string.Empty : ": was it loaded from an empty file?");

    private static string Rows(IReadOnlyList<IReadOnlyDictionary<string, object?>> sample) =>
        sample is [var row, ..] ? Convert.ToString(row.GetValueOrDefault("row_count"), CultureInfo.InvariantCulture) ?? "?" : "?";
}

/// <summary>
/// dbt's source freshness as a test: fails with one row when the newest <paramref name="LoadedAtField"/> of the source
/// table is older than <paramref name="Limit"/> at the start of the run. An empty table has nothing to judge (row_count does).
/// </summary>
internal sealed record FreshnessTest(string Name, Severity Severity, string DefinedIn, SourceTable Source, string LoadedAtField, FreshnessLimit Limit)
    : DataTest(Name, Severity, DefinedIn)
{
    public override string Kind => "freshness";

    public override string? AttachedModel => null;

    public override IReadOnlyList<string> DependsOn => [];

    public override IReadOnlyList<SourceTable> Sources => [Source];

    public override IReadOnlyDictionary<string, object?> Arguments => new Dictionary<string, object?>
    {
        ["loaded_at_field"] = LoadedAtField,
        [Severity == Severity.Warn ? "warn_after" : "error_after"] = new Dictionary<string, object> { ["count"] = Limit.Count, ["period"] = Limit.Period },
    };

    public override string Sql(ITestSqlContext context) =>
        $"SELECT max({LoadedAtField}) AS max_loaded_at, {context.Timestamp(context.Now)} AS checked_at\n"
        + $"FROM {context.Source(Source)}\nHAVING max({LoadedAtField}) < {context.Timestamp(context.Now - Limit.Age)}";

    public override string Explain(long failures, IReadOnlyList<IReadOnlyDictionary<string, object?>> sample) =>
        $"source {Source.Schema}.{Source.Name} is stale: newest {LoadedAtField} "
        + $"{(sample is [var row, ..] ? Convert.ToString(row.GetValueOrDefault("max_loaded_at"), CultureInfo.InvariantCulture) : "?")}, "
        + $"more than {Limit.Count} {Limit.Period}{(Limit.Count == 1 ? string.Empty : "s")} before the run";
}

/// <summary>A freshness threshold as dbt writes it: <c>{count: 30, period: day}</c>.</summary>
internal sealed record FreshnessLimit(int Count, string Period)
{
    public static readonly string[] Periods = ["minute", "hour", "day"];

    public TimeSpan Age => Period switch
    {
        "minute" => TimeSpan.FromMinutes(Count),
        "hour" => TimeSpan.FromHours(Count),
        _ => TimeSpan.FromDays(Count),
    };
}
