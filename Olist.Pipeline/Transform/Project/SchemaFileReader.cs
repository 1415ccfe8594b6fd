using YamlDotNet.RepresentationModel;
using Olist.Pipeline.Transform.DataTests;

namespace Olist.Pipeline.Transform.Project;

/// <summary>Reads a <c>models/**/*.yml</c> file: the models it documents and configures, and the sources it declares with their checks.</summary>
internal static class SchemaFileReader
{
    public static (IReadOnlyList<ModelDoc> Models, IReadOnlyList<SourceTable> Sources, IReadOnlyList<DataTest> SourceTests) Read(YamlFile file)
    {
        var top = file.Entries(file.Root, "a models YAML file", "version", "models", "sources");
        var models = top.TryGetValue("models", out var modelList)
            ? file.Sequence(modelList, "models").Children.Select(node => ReadModel(file, node)).ToList()
            : [];
        var sources = top.TryGetValue("sources", out var sourceList)
            ? file.Sequence(sourceList, "sources").Children.SelectMany(node => ReadSource(file, node)).ToList()
            : [];
        return (models, [.. sources.Select(s => s.Table)], [.. sources.SelectMany(s => s.Tests)]);
    }

    /// <summary>Reads a <c>config:</c> mapping, shared by a model's YAML and the project's folder defaults.</summary>
    public static ConfigOverrides ReadConfig(YamlFile file, YamlNode node, string what)
    {
        var config = file.Entries(
            file.Mapping(node, what), what, "materialized", "schema", "incremental_key", "write_audit_publish", "tags");
        Materialized? materialized = config.TryGetValue("materialized", out var m)
            ? file.Scalar(m, "materialized") switch
            {
                "view" => Materialized.View,
                "table" => Materialized.Table,
                "incremental" => Materialized.Incremental,
                var other => throw file.Error(m, $"materialized must be view, table or incremental, not '{other}'."),
            }
            : null;
        var key = config.TryGetValue("incremental_key", out var k) ? TestSpecReader.Identifier(file, k, file.Scalar(k, "incremental_key")) : null;
        var schema = config.TryGetValue("schema", out var s) ? TestSpecReader.Identifier(file, s, file.Scalar(s, "schema")) : null;
        bool? wap = config.TryGetValue("write_audit_publish", out var w) ? file.Boolean(w, "write_audit_publish") : null;
        var tags = config.TryGetValue("tags", out var t) ? file.Scalars(t, "tags") : [];
        return new ConfigOverrides(materialized, schema, key, wap, tags);
    }

    private static ModelDoc ReadModel(YamlFile file, YamlNode node)
    {
        var entries = file.Entries(file.Mapping(node, "a model"), "a model", "name", "description", "config", "meta", "columns", "tests", "data_tests");
        var name = entries.TryGetValue("name", out var n) ? file.Scalar(n, "name") : throw file.Error(node, "a model needs a name.");
        var config = entries.TryGetValue("config", out var c)
            ? ReadConfig(file, c, $"config of model {name}")
            : new ConfigOverrides(null, null, null, null, []);
        var columns = new List<ColumnDoc>();
        var tests = new List<DataTest>();
        if (entries.TryGetValue("columns", out var columnList))
        {
            foreach (var columnNode in file.Sequence(columnList, "columns").Children)
            {
                var column = file.Entries(file.Mapping(columnNode, "a column"), "a column", "name", "description", "data_type", "meta", "tests", "data_tests");
                var columnName = column.TryGetValue("name", out var cn)
                    ? TestSpecReader.Identifier(file, cn, file.Scalar(cn, "column name"))
                    : throw file.Error(columnNode, $"a column of model {name} needs a name.");
                columns.Add(new ColumnDoc(
                    columnName,
                    file.OptionalScalar(column, "description", "description") ?? string.Empty,
                    file.OptionalScalar(column, "data_type", "data_type"),
                    ReadMeta(file, column, $"meta of column {name}.{columnName}")));
                tests.AddRange(ReadTests(file, column, name, columnName));
            }
        }

        tests.AddRange(ReadTests(file, entries, name, column: null));
        return new ModelDoc(
            name, file.OptionalScalar(entries, "description", "description") ?? string.Empty, config, ReadMeta(file, entries, $"meta of model {name}"), columns, tests, file, node);
    }

    /// <summary>A <c>meta:</c> mapping of single values, as dbt keeps it for tools that read the manifest (here the KPI catalog).</summary>
    private static Dictionary<string, string> ReadMeta(YamlFile file, IReadOnlyDictionary<string, YamlNode> entries, string what) =>
        entries.TryGetValue("meta", out var node)
            ? file.Mapping(node, what).Children.ToDictionary(e => file.Scalar(e.Key, $"a key of {what}"), e => file.Scalar(e.Value, $"{what}: a value"), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static readonly string[] TestLists = ["tests", "data_tests"];

    private static List<DataTest> ReadTests(YamlFile file, IReadOnlyDictionary<string, YamlNode> entries, string model, string? column)
    {
        var lists = TestLists.Where(entries.ContainsKey).Select(key => file.Sequence(entries[key], key));
        return lists.SelectMany(list => list.Children).Select(test => TestSpecReader.Read(file, test, model, column)).ToList();
    }

    private static List<(SourceTable Table, List<DataTest> Tests)> ReadSource(YamlFile file, YamlNode node)
    {
        var source = file.Entries(file.Mapping(node, "a source"), "a source", "name", "description", "tables", "loaded_at_field", "freshness");
        var schema = source.TryGetValue("name", out var n) ? file.Scalar(n, "source name") : throw file.Error(node, "a source needs a name.");
        if (!source.TryGetValue("tables", out var tables))
        {
            return [];
        }

        return file.Sequence(tables, "tables").Children.Select(tableNode =>
        {
            var table = file.Entries(
                file.Mapping(tableNode, "a source table"), "a source table", "name", "description", "columns", "loaded_at_field", "freshness", "tests", "data_tests");
            var name = table.TryGetValue("name", out var tn) ? file.Scalar(tn, "table name") : throw file.Error(tableNode, "a source table needs a name.");
            var sourceTable = new SourceTable(schema, name, file.OptionalScalar(table, "description", "description") ?? string.Empty);
            var tests = TestLists.Where(table.ContainsKey)
                .SelectMany(key => file.Sequence(table[key], key).Children)
                .Select(test => TestSpecReader.ReadSourceTest(file, test, sourceTable))
                .Concat(FreshnessTests(file, sourceTable, source, table))
                .ToList();
            return (sourceTable, tests);
        }).ToList();
    }

    /// <summary>
    /// The table's <c>freshness:</c> (else its source's; <c>freshness: null</c> turns it off) as one test per threshold,
    /// <c>warn_after</c> with severity warn and <c>error_after</c> with severity error, as dbt reports them.
    /// </summary>
    private static IEnumerable<DataTest> FreshnessTests(
        YamlFile file, SourceTable table, IReadOnlyDictionary<string, YamlNode> source, IReadOnlyDictionary<string, YamlNode> own)
    {
        var node = own.TryGetValue("freshness", out var tableFreshness) ? tableFreshness : source.GetValueOrDefault("freshness");
        if (node is null or YamlScalarNode { Value: null or "" or "null" or "~" })
        {
            return [];
        }

        var thresholds = file.Entries(file.Mapping(node, "freshness"), "freshness", "warn_after", "error_after");
        var field = own.TryGetValue("loaded_at_field", out var f) ? f : source.GetValueOrDefault("loaded_at_field");
        var loadedAt = field is null
            ? throw file.Error(node, $"freshness of source {table.Schema}.{table.Name} needs loaded_at_field: the column holding when a row was loaded.")
            : TestSpecReader.Identifier(file, field, file.Scalar(field, "loaded_at_field"));
        return thresholds.Select(threshold => new FreshnessTest(
            string.Empty,
            threshold.Key == "warn_after" ? Severity.Warn : Severity.Error,
            file.RelativePath,
            table,
            loadedAt,
            Limit(file, threshold.Value, threshold.Key)));
    }

    private static FreshnessLimit Limit(YamlFile file, YamlNode node, string what)
    {
        var limit = file.Entries(file.Mapping(node, what), what, "count", "period");
        var count = limit.TryGetValue("count", out var c) ? TestSpecReader.WholeNumber(file, c, $"{what} count") : throw file.Error(node, $"{what} needs a count.");
        var period = limit.TryGetValue("period", out var p) ? file.Scalar(p, $"{what} period") : throw file.Error(node, $"{what} needs a period.");
        return count > 0 && FreshnessLimit.Periods.Contains(period, StringComparer.Ordinal)
            ? new FreshnessLimit(count, period)
            : throw file.Error(node, $"{what} must be a count above 0 and a period of {string.Join(", ", FreshnessLimit.Periods)}, not {count} {period}.");
    }
}
