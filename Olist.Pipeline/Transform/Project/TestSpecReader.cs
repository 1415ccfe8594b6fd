using Olist.Pipeline.Transform.DataTests;
using YamlDotNet.RepresentationModel;

namespace Olist.Pipeline.Transform.Project;

/// <summary>Turns one entry of a model's <c>tests:</c> list (a name, or a name with arguments) into a data test.</summary>
internal static partial class TestSpecReader
{
    private static readonly string[] Kinds = ["not_null", "unique", "relationships", "accepted_values", "expression_is_true", "row_count"];

    /// <summary>Reads <paramref name="entry"/> declared on <paramref name="model"/>, on <paramref name="column"/> when it is a column test.</summary>
    public static DataTest Read(YamlFile file, YamlNode entry, string model, string? column)
    {
        var (kind, arguments, at) = Split(file, entry);
        var severity = SeverityOf(file, arguments);
        var defined = file.RelativePath;
        switch (kind)
        {
            case "not_null":
                file.Entries(arguments, "not_null", "severity");
                return new NotNullTest(string.Empty, severity, defined, model, RequireColumn(file, at, kind, column));
            case "unique":
                var unique = file.Entries(arguments, "unique", "severity", "columns");
                IReadOnlyList<string> columns = unique.TryGetValue("columns", out var list)
                    ? [.. file.Scalars(list, "unique columns").Select(c => Identifier(file, list, c))]
                    : [RequireColumn(file, at, kind, column)];
                return new UniqueTest(string.Empty, severity, defined, model, columns);
            case "relationships":
                var relationships = file.Entries(arguments, "relationships", "severity", "to", "field");
                var to = Required(file, arguments, relationships, "to");
                var match = RefCall().Match(file.Scalar(to, "to"));
                var toModel = match.Success ? match.Groups["name"].Value : throw file.Error(to, "relationships 'to' must be ref('model').");
                var field = Identifier(file, arguments, file.Scalar(Required(file, arguments, relationships, "field"), "field"));
                return new RelationshipsTest(string.Empty, severity, defined, model, RequireColumn(file, at, kind, column), toModel, field);
            case "accepted_values":
                var accepted = file.Entries(arguments, "accepted_values", "severity", "values", "quote");
                var quote = !accepted.TryGetValue("quote", out var quoteNode) || file.Boolean(quoteNode, "quote");
                var values = file.Scalars(Required(file, arguments, accepted, "values"), "values");
                if (!quote && values.FirstOrDefault(v => !IsBareLiteral(v)) is { } bad)
                {
                    throw file.Error(arguments, $"accepted_values with quote: false takes numbers or true/false, not '{bad}'.");
                }

                return new AcceptedValuesTest(string.Empty, severity, defined, model, RequireColumn(file, at, kind, column), values, quote);
            case "row_count":
                return RowCount(file, arguments, severity, model, source: null);
            default:
                var expression = file.Entries(arguments, "expression_is_true", "severity", "expression");
                return new ExpressionIsTrueTest(
                    string.Empty, severity, defined, model, file.Scalar(Required(file, arguments, expression, "expression"), "expression"));
        }
    }

    /// <summary>Reads <paramref name="entry"/> of a source table's <c>tests:</c>; a source takes row_count (its freshness has its own key).</summary>
    public static DataTest ReadSourceTest(YamlFile file, YamlNode entry, SourceTable source)
    {
        var (kind, arguments, at) = Split(file, entry);
        return kind == "row_count"
            ? RowCount(file, arguments, SeverityOf(file, arguments), model: null, source)
            : throw file.Error(at, $"a source table takes row_count tests, not {kind}; declare its freshness with freshness: and loaded_at_field:.");
    }

    /// <summary>A column name as SQL reads it unquoted; anything else is refused so test SQL needs no dialect quoting.</summary>
    public static string Identifier(YamlFile file, YamlNode at, string name) =>
        IdentifierPattern().IsMatch(name) ? name : throw file.Error(at, $"'{name}' is not a plain column name (letters, digits, _).");

    private static (string Kind, YamlMappingNode Arguments, YamlNode At) Split(YamlFile file, YamlNode entry)
    {
        if (entry is YamlScalarNode)
        {
            return (KnownKind(file, entry, file.Scalar(entry, "test")), new YamlMappingNode(), entry);
        }

        var mapping = file.Mapping(entry, "a test");
        if (mapping.Children.Count != 1)
        {
            throw file.Error(entry, "a test is its name, or its name with arguments: {not_null: {severity: warn}}.");
        }

        var (key, value) = mapping.Children.Single();
        var kind = KnownKind(file, key, file.Scalar(key, "test"));
        return (kind, value is YamlScalarNode { Value: null or "" } ? new YamlMappingNode() : file.Mapping(value, $"arguments of {kind}"), key);
    }

    private static string KnownKind(YamlFile file, YamlNode at, string kind) =>
        Kinds.Contains(kind, StringComparer.Ordinal)
            ? kind
            : throw file.Error(at, $"unknown test '{kind}'; known: {string.Join(", ", Kinds)} (or a SQL file in tests/).");

    private static Severity SeverityOf(YamlFile file, YamlMappingNode arguments)
    {
        var node = arguments.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "severity" }).Value;
        return node is null
            ? Severity.Error
            : file.Scalar(node, "severity") switch
            {
                "error" => Severity.Error,
                "warn" => Severity.Warn,
                var other => throw file.Error(node, $"severity must be error or warn, not '{other}'."),
            };
    }

    private static RowCountTest RowCount(YamlFile file, YamlMappingNode arguments, Severity severity, string? model, SourceTable? source)
    {
        var entries = file.Entries(arguments, "row_count", "severity", "min");
        var min = entries.TryGetValue("min", out var node) ? WholeNumber(file, node, "min") : 1;
        return new RowCountTest(string.Empty, severity, file.RelativePath, model, source, min);
    }

    /// <summary>A whole number of zero or more.</summary>
    public static int WholeNumber(YamlFile file, YamlNode node, string what) =>
        int.TryParse(file.Scalar(node, what), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw file.Error(node, $"{what} must be a whole number of 0 or more, not '{file.Scalar(node, what)}'.");

    private static string RequireColumn(YamlFile file, YamlNode at, string kind, string? column) =>
        column ?? throw file.Error(at, $"{kind} is a column test: list it under the column, or give columns: [...] for unique.");

    private static YamlNode Required(YamlFile file, YamlNode at, IReadOnlyDictionary<string, YamlNode> arguments, string key) =>
        arguments.TryGetValue(key, out var node) ? node : throw file.Error(at, $"the test needs '{key}'.");

    private static bool IsBareLiteral(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) || value is "true" or "false";

    [GeneratedRegex(@"^\s*ref\(\s*['""](?<name>[A-Za-z0-9_]+)['""]\s*\)\s*$")]
    private static partial Regex RefCall();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
