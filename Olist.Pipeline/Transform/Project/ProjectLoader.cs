using Olist.Pipeline.Transform.DataTests;

namespace Olist.Pipeline.Transform.Project;

/// <summary>Reads a project folder (olist_project.yml, models, macros, tests) into a manifest, refusing anything it cannot make sense of.</summary>
internal static partial class ProjectLoader
{
    public static TransformManifest Load(string projectDirectory)
    {
        var root = Path.GetFullPath(projectDirectory);
        var settingsPath = Path.Combine(root, ProjectPaths.ProjectFile);
        if (!File.Exists(settingsPath))
        {
            throw new PipelineException($"{root} is not an analytics project: it has no {ProjectPaths.ProjectFile}.");
        }

        var settings = ProjectSettingsReader.Read(YamlFile.Load(root, settingsPath));
        var docs = new Dictionary<string, ModelDoc>(StringComparer.Ordinal);
        var declaredSources = new List<SourceTable>();
        var sourceTests = new List<DataTest>();
        foreach (var path in FilesUnder(root, ProjectPaths.Models, "*.yml").Concat(FilesUnder(root, ProjectPaths.Models, "*.yaml")))
        {
            var file = YamlFile.Load(root, path);
            var (described, sources, checks) = SchemaFileReader.Read(file);
            declaredSources.AddRange(sources);
            sourceTests.AddRange(checks);
            foreach (var doc in described)
            {
                if (docs.TryGetValue(doc.Name, out var earlier))
                {
                    throw doc.File.Error(doc.At, $"model {doc.Name} is already described in {earlier.File.RelativePath}.");
                }

                docs[doc.Name] = doc;
            }
        }

        var models = ReadModels(root, settings, docs, declaredSources);
        foreach (var doc in docs.Values.Where(d => !models.ContainsKey(d.Name)))
        {
            throw doc.File.Error(doc.At, $"model {doc.Name} is described here but there is no models/**/{doc.Name}.sql.");
        }

        foreach (var model in models.Values)
        {
            foreach (var missing in model.Refs.Where(r => !models.ContainsKey(r)))
            {
                throw new PipelineException($"{model.Path}: ref('{missing}') names no model of the project.");
            }
        }

        var tests = sourceTests.Concat(docs.Values.SelectMany(d => d.Tests)).Concat(ReadSingularTests(root)).ToList();
        foreach (var test in tests)
        {
            foreach (var missing in test.DependsOn.Where(m => !models.ContainsKey(m)))
            {
                throw new PipelineException($"{test.DefinedIn}: a test refers to ref('{missing}'), which names no model of the project.");
            }
        }

        var usedSources = models.Values.SelectMany(m => m.Sources);
        var sourceList = declaredSources.Concat(usedSources).DistinctBy(s => s.UniqueId).OrderBy(s => s.UniqueId, StringComparer.Ordinal).ToList();
        var macros = FilesUnder(root, ProjectPaths.Macros, "*.liquid")
            .Select(path => ProjectPaths.Relative(root, path))
            .Select(relative => new MacroFile(relative, TemplateParser.Parse(relative, File.ReadAllText(Path.Combine(root, relative)))))
            .ToList();
        return new TransformManifest(root, settings, models, TestNames.Assign(tests), sourceList, macros);
    }

    /// <summary>Models named in <c>ref('...')</c> calls of a template, found without rendering so both branches of an <c>if</c> count.</summary>
    public static IReadOnlyList<string> RefsIn(string sql) =>
        [.. RefCall().Matches(sql).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];

    private static Dictionary<string, ModelNode> ReadModels(
        string root, ProjectSettings settings, Dictionary<string, ModelDoc> docs, List<SourceTable> declaredSources)
    {
        var models = new Dictionary<string, ModelNode>(StringComparer.Ordinal);
        foreach (var path in FilesUnder(root, ProjectPaths.Models, "*.sql"))
        {
            var relative = ProjectPaths.Relative(root, path);
            var name = Path.GetFileNameWithoutExtension(path);
            if (models.TryGetValue(name, out var twin))
            {
                throw new PipelineException($"{relative}: a model named {name} already exists in {twin.Path}; model names must be unique.");
            }

            var sql = File.ReadAllText(path);
            var parts = relative.Split('/');
            var folder = parts.Length > 2 ? parts[1] : string.Empty;
            docs.TryGetValue(name, out var doc);
            models[name] = new ModelNode(
                name,
                relative,
                folder,
                ResolveConfig(relative, folder, settings, doc),
                doc?.Description ?? string.Empty,
                doc?.Meta ?? new Dictionary<string, string>(StringComparer.Ordinal),
                doc?.Columns ?? [],
                RefsIn(sql),
                SourcesIn(relative, sql, declaredSources),
                sql,
                TemplateParser.Parse(relative, sql));
        }

        return models;
    }

    private static ModelConfig ResolveConfig(string relative, string folder, ProjectSettings settings, ModelDoc? doc)
    {
        var defaults = settings.Folders.GetValueOrDefault(folder);
        var own = doc?.Config;
        var materialized = own?.Materialized ?? defaults?.Materialized ?? Materialized.View;
        var key = own?.IncrementalKey ?? defaults?.IncrementalKey;
        var wap = own?.WriteAuditPublish ?? defaults?.WriteAuditPublish ?? false;
        var where = doc is null ? relative : $"{relative} (config in {doc.File.RelativePath})";
        if (materialized == Materialized.Incremental && key is null)
        {
            throw new PipelineException($"{where}: an incremental model needs incremental_key (the day column, such as ds).");
        }

        if (wap && materialized == Materialized.View)
        {
            throw new PipelineException($"{where}: write_audit_publish needs materialized table or incremental, not view.");
        }

        var schema = own?.Schema ?? defaults?.Schema ?? (folder.Length > 0 ? folder : "main");
        var tags = (defaults?.Tags ?? []).Concat(own?.Tags ?? []).Distinct(StringComparer.Ordinal).ToList();
        return new ModelConfig(materialized, schema, materialized == Materialized.Incremental ? key : null, wap, tags);
    }

    private static List<SourceTable> SourcesIn(string relative, string sql, List<SourceTable> declared)
    {
        var used = new List<SourceTable>();
        foreach (Match match in SourceCall().Matches(sql))
        {
            var (schema, table) = (match.Groups["schema"].Value, match.Groups["table"].Value);
            var known = declared.FirstOrDefault(s => s.Schema == schema && s.Name == table);
            if (known is null && declared.Any(s => s.Schema == schema))
            {
                throw new PipelineException($"{relative}: source('{schema}', '{table}') is not declared among the tables of source {schema}.");
            }

            used.Add(known ?? new SourceTable(schema, table, string.Empty));
        }

        return [.. used.DistinctBy(s => s.UniqueId)];
    }

    private static List<SingularTest> ReadSingularTests(string root) =>
        FilesUnder(root, ProjectPaths.Tests, "*.sql").Select(path =>
        {
            var relative = ProjectPaths.Relative(root, path);
            var sql = File.ReadAllText(path);
            var severity = SeverityConfig().Match(sql) is { Success: true } m && m.Groups["severity"].Value == "warn" ? Severity.Warn : Severity.Error;
            var refs = RefsIn(sql);
            return refs.Count == 0
                ? throw new PipelineException($"{relative}: a singular test must read at least one model with ref('...').")
                : new SingularTest(Path.GetFileNameWithoutExtension(path), severity, relative, refs, sql, TemplateParser.Parse(relative, sql));
        }).ToList();

    private static IEnumerable<string> FilesUnder(string root, string folder, string pattern)
    {
        var directory = Path.Combine(root, folder);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    [GeneratedRegex(@"\bref\(\s*['""](?<name>[^'""]+)['""]\s*\)")]
    private static partial Regex RefCall();

    [GeneratedRegex(@"\bsource\(\s*['""](?<schema>[^'""]+)['""]\s*,\s*['""](?<table>[^'""]+)['""]\s*\)")]
    private static partial Regex SourceCall();

    [GeneratedRegex(@"\bconfig\(\s*severity\s*=\s*['""](?<severity>warn|error)['""]\s*\)")]
    private static partial Regex SeverityConfig();
}
