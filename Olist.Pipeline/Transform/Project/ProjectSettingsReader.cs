using YamlDotNet.RepresentationModel;

namespace Olist.Pipeline.Transform.Project;

/// <summary>Reads <c>olist_project.yml</c>: name, variables (with kinds and defaults) and the defaults of each model folder.</summary>
internal static class ProjectSettingsReader
{
    /// <summary>The variable of the day a run replaces; always a date, declared or not.</summary>
    public const string DayVar = "ds";

    private const string DefaultDataset = "olist";

    public static ProjectSettings Read(YamlFile file)
    {
        var top = file.Entries(file.Root, ProjectPaths.ProjectFile, "name", "version", "vars", "models", "bigquery");
        var name = top.TryGetValue("name", out var n) ? file.Scalar(n, "name") : throw file.Error(file.Root, "the project needs a name.");
        var vars = new Dictionary<string, VarDefinition>(StringComparer.Ordinal)
        {
            [DayVar] = new VarDefinition(DayVar, VarKind.Date, null, []),
        };
        if (top.TryGetValue("vars", out var varNodes))
        {
            foreach (var (key, value) in file.Mapping(varNodes, "vars").Children)
            {
                var definition = ReadVar(file, file.Scalar(key, "variable name"), value);
                vars[definition.Name] = definition;
            }
        }

        var folders = top.TryGetValue("models", out var folderNodes)
            ? file.Mapping(folderNodes, "models").Children.ToDictionary(
                c => file.Scalar(c.Key, "folder"),
                c => SchemaFileReader.ReadConfig(file, c.Value, $"models.{file.Scalar(c.Key, "folder")}"),
                StringComparer.Ordinal)
            : new Dictionary<string, ConfigOverrides>(StringComparer.Ordinal);
        var dataset = DefaultDataset;
        if (top.TryGetValue("bigquery", out var bigQuery))
        {
            var entries = file.Entries(file.Mapping(bigQuery, "bigquery"), "bigquery", "dataset");
            dataset = file.OptionalScalar(entries, "dataset", "dataset") ?? DefaultDataset;
            TestSpecReader.Identifier(file, bigQuery, dataset);
        }

        return new ProjectSettings(name, vars, folders, dataset);
    }

    private static VarDefinition ReadVar(YamlFile file, string name, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            var value = file.Scalar(node, $"var {name}");
            var inferred = new VarDefinition(name, name == DayVar ? VarKind.Date : VarDefinition.Infer(value), null, []);
            return inferred with { Default = Checked(file, node, inferred, value) };
        }

        var entries = file.Entries(file.Mapping(node, $"var {name}"), $"var {name}", "type", "default", "values");
        var values = entries.TryGetValue("values", out var v) ? file.Scalars(v, "values") : [];
        var kind = file.OptionalScalar(entries, "type", "type") switch
        {
            null when values.Count > 0 => VarKind.Choice,
            null or "text" => VarKind.Text,
            "date" => VarKind.Date,
            "integer" => VarKind.WholeNumber,
            "number" => VarKind.Number,
            "choice" => VarKind.Choice,
            var other => throw file.Error(node, $"var {name}: type must be date, integer, number, text or choice, not '{other}'."),
        };
        if (kind == VarKind.Choice && values.Count == 0)
        {
            throw file.Error(node, $"var {name}: a choice needs values: [...].");
        }

        var definition = new VarDefinition(name, kind, null, values);
        return entries.TryGetValue("default", out var d) && file.Scalar(d, "default") is { Length: > 0 } raw
            ? definition with { Default = Checked(file, d, definition, raw) }
            : definition;
    }

    private static string Checked(YamlFile file, YamlNode at, VarDefinition definition, string value) =>
        definition.Normalize(value) ?? throw file.Error(at, $"var {definition.Name}: '{value}' is not {definition.Expected}.");
}
