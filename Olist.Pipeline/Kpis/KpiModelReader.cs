using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// Reads the KPIs from the models' YAML: a model whose meta names a <c>kpi</c> is one, described by its description,
/// meta (title, section, order_by, top) and columns (description, data_type, not_null, and the option or returned meta).
/// Everything is checked here, so a mistake in the YAML stops the start with the file's model and column named.
/// </summary>
internal static partial class KpiModelReader
{
    private static readonly string[] ModelKeys = ["kpi", "section", "title", "order_by", "top"];
    private static readonly string[] ColumnKeys = ["option", "default", "returned"];

    public static IReadOnlyList<KpiDefinition> Read(IReadOnlyList<ModelMetadata> models)
    {
        var kpis = models.Where(m => m.Meta.ContainsKey("kpi")).Select(m => (Section: Section(m), Kpi: Read(m))).ToList();
        foreach (var twin in kpis.GroupBy(k => k.Kpi.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            throw new PipelineException($"KPI '{twin.Key}' is named by more than one model: {string.Join(", ", twin.Select(k => k.Kpi.Model))}.");
        }

        return [.. kpis.OrderBy(k => k.Section is null).ThenBy(k => k.Section).ThenBy(k => k.Kpi.Name, StringComparer.Ordinal).Select(k => k.Kpi)];
    }

    private static KpiDefinition Read(ModelMetadata model)
    {
        Refuse(model.Meta.Keys.Except(ModelKeys), $"model {model.Name}: unknown KPI meta", ModelKeys);
        var name = model.Meta["kpi"];
        if (!KpiName().IsMatch(name))
        {
            throw Problem(model, $"meta kpi '{name}' must be lower-case words joined by '-', as it names a page and an API path.");
        }

        var grain = Choice<TimeGrain>(model, "grain");
        var level = Choice<LocationLevel>(model, "level");
        var returned = model.Columns.Where(c => !c.Meta.ContainsKey("option") && !IsHidden(model, c)).Select(c => Column(model, c)).ToList();
        if (returned.Count == 0)
        {
            throw Problem(model, "a KPI needs at least one documented column it returns.");
        }

        var top = model.Meta.GetValueOrDefault("top");
        if (top is not null && !model.Columns.Any(c => c.Name == top))
        {
            throw Problem(model, $"meta top names column '{top}', which the model does not document.");
        }

        var orderBy = model.Meta.GetValueOrDefault("order_by") ?? throw Problem(model, "a KPI needs meta order_by: the order of its rows.");
        foreach (var term in orderBy.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = OrderTerm().Match(term);
            if (!match.Success || !model.Columns.Any(c => c.Name == match.Groups["column"].Value))
            {
                throw Problem(model, $"order_by term '{term}' must be a documented column, optionally followed by ASC or DESC.");
            }
        }

        return new KpiDefinition(
            name,
            model.Meta.GetValueOrDefault("title") ?? throw Problem(model, "a KPI needs meta title."),
            string.IsNullOrWhiteSpace(model.Description) ? throw Problem(model, "a KPI needs a description: the glossary and the pages show it.") : model.Description,
            model.Name,
            model.Schema,
            returned,
            grain,
            level,
            top,
            orderBy);
    }

    private static KpiColumn Column(ModelMetadata model, ColumnMetadata column)
    {
        var type = KpiColumn.TypeOf(column.DataType)
            ?? throw Problem(model, $"column {column.Name} needs data_type varchar, integer, bigint, double, decimal(p,s) or boolean, not '{column.DataType}'.");
        if (string.IsNullOrWhiteSpace(column.Description))
        {
            throw Problem(model, $"column {column.Name} needs a description: the glossary and the API schema show it.");
        }

        return new KpiColumn(column.Name, column.Description, type, !column.NotNull);
    }

    /// <summary>The option of the column whose meta option is <paramref name="option"/>: its accepted values and default.</summary>
    private static KpiChoice<T>? Choice<T>(ModelMetadata model, string option)
        where T : struct, Enum
    {
        var columns = model.Columns.Where(c => c.Meta.GetValueOrDefault("option") is { } o && o == option).ToList();
        foreach (var column in model.Columns)
        {
            Refuse(column.Meta.Keys.Except(ColumnKeys), $"model {model.Name}, column {column.Name}: unknown KPI meta", ColumnKeys);
            if (column.Meta.GetValueOrDefault("option") is { } o && o is not ("grain" or "level"))
            {
                throw Problem(model, $"column {column.Name} has meta option '{o}'; allowed: grain, level.");
            }
        }

        if (columns.Count == 0)
        {
            return null;
        }

        var filtered = columns.Count == 1 ? columns[0] : throw Problem(model, $"more than one column has meta option {option}.");
        var values = filtered.AcceptedValues.Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var value)
            ? value
            : throw Problem(model, $"column {filtered.Name}: '{v}' is not a {option}; allowed: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.")).ToList();
        if (values.Count == 0)
        {
            throw Problem(model, $"column {filtered.Name} is the {option} option: it needs an accepted_values test listing the {option}s it takes.");
        }

        var defaultText = filtered.Meta.GetValueOrDefault("default");
        var defaultValue = defaultText is null ? values[0] : values.FirstOrDefault(v => string.Equals(v.ToString(), defaultText, StringComparison.OrdinalIgnoreCase));
        if (defaultText is not null && !string.Equals(defaultValue.ToString(), defaultText, StringComparison.OrdinalIgnoreCase))
        {
            throw Problem(model, $"column {filtered.Name}: default '{defaultText}' is not one of its accepted values.");
        }

        return new KpiChoice<T>(filtered.Name, values, defaultValue);
    }

    private static bool IsHidden(ModelMetadata model, ColumnMetadata column) =>
        column.Meta.GetValueOrDefault("returned") switch
        {
            null or "true" => false,
            "false" => true,
            var other => throw Problem(model, $"column {column.Name}: meta returned must be true or false, not '{other}'."),
        };

    private static Version? Section(ModelMetadata model) =>
        model.Meta.GetValueOrDefault("section") is not { } section
            ? null
            : Version.TryParse(section, out var number)
                ? number
                : throw Problem(model, $"meta section must be a metrics.md section number such as 4.1, not '{section}'.");

    private static void Refuse(IEnumerable<string> unknown, string what, IReadOnlyList<string> allowed)
    {
        foreach (var key in unknown)
        {
            throw new PipelineException($"{what} '{key}'; allowed: {string.Join(", ", allowed)}.");
        }
    }

    private static PipelineException Problem(ModelMetadata model, string problem) => new($"KPI model {model.Name}: {problem}");

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KpiName();

    [GeneratedRegex("^(?<column>[a-z_][a-z0-9_]*)( (ASC|DESC))?$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderTerm();
}
