using Olist.Pipeline.Progress;
using Olist.Pipeline.Transform.Artifacts;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Graph;
using Olist.Pipeline.Transform.Materializations;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;
using Olist.Pipeline.Transform.Rendering.Dialects;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Transform;

/// <summary>
/// The transform engine's commands on one analytics project and warehouse: <c>build</c>, <c>test</c>, <c>compile</c>.
/// Each reads the project (parse, manifest, graph; reused while the folder is unchanged), runs, and writes manifest.json
/// and run_results.json. It runs on the warehouse of its target (DuckDB, or BigQuery when that is the warehouse), in
/// that warehouse's SQL.
/// </summary>
public sealed class TransformProject
{
    private readonly TransformOptions _options;
    private readonly IBuildTarget _target;
    private readonly IWarehouse _warehouse;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TransformProject> _logger;
    private ParsedProject? _parsed;

    /// <summary>The engine on the embedded DuckDB warehouse.</summary>
    public TransformProject(TransformOptions options, DuckDbWarehouse warehouse, TimeProvider timeProvider, ILogger<TransformProject> logger)
        : this(options, new DuckDbBuildTarget(warehouse), timeProvider, logger)
    {
    }

    internal TransformProject(TransformOptions options, IBuildTarget target, TimeProvider timeProvider, ILogger<TransformProject> logger)
    {
        _options = options;
        _target = target;
        _warehouse = target.Warehouse;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<RunSummary> BuildAsync(BuildRequest request, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var vars = WithDay(request.Vars, request.Ds);
        var arguments = new Dictionary<string, object?>
        {
            ["select"] = request.Select,
            ["full_refresh"] = request.FullRefresh,
            ["ds"] = Day(request.Ds),
            ["vars"] = vars,
        };
        try
        {
            return await RunAsync("build", request.Select, request.Indirect, vars, arguments, (runner, selection) => runner.BuildAsync(selection, request.FullRefresh, progress, cancellationToken), cancellationToken);
        }
        finally
        {
            // Also after a failed or cancelled build: any model may have been replaced before it stopped.
            _warehouse.ModelsChanged();
        }
    }

    public async Task<RunSummary> TestAsync(TestRequest request, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var vars = request.Vars ?? new Dictionary<string, string>();
        var arguments = new Dictionary<string, object?> { ["select"] = request.Select, ["vars"] = vars };
        return await RunAsync("test", request.Select, request.Indirect, vars, arguments, (runner, selection) => runner.TestAsync(selection, progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Write step of Write-Audit-Publish for one model: its rows for the request's day (all rows without a day or with
    /// full refresh) replace its audit relation. Nothing published changes. Returns the model's result with the rows written.
    /// </summary>
    public Task<NodeResult> WriteAuditAsync(WriteAuditPublishRequest request, CancellationToken cancellationToken) =>
        RunStepAsync(request, (runner, model) => runner.WriteAuditAsync(model, request.FullRefresh, cancellationToken), cancellationToken);

    /// <summary>Audit step: the model's tests on its audit relation; the summary succeeds when publishing is safe.</summary>
    public Task<RunSummary> AuditAsync(WriteAuditPublishRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return RunStepAsync(
            request,
            async (runner, model) => new RunSummary("audit", await runner.AuditAsync(model, request.FullRefresh, cancellationToken), clock.Elapsed),
            cancellationToken);
    }

    /// <summary>Publish step: the audited rows replace the day (or the whole table) in one transaction; the audit relation is dropped.</summary>
    public async Task<NodeResult> PublishAsync(WriteAuditPublishRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await RunStepAsync(request, (runner, model) => runner.PublishAsync(model, request.FullRefresh, cancellationToken), cancellationToken);
        }
        finally
        {
            _warehouse.ModelsChanged();
        }
    }

    /// <summary>Writes <c>models/NNN_model.sql</c> (create-or-replace scripts in build order) and <c>tests/test.sql</c> for the target warehouse.</summary>
    public async Task<CompileSummary> CompileAsync(CompileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var (manifest, graph, renderer) = Prepare(WithDay(request.Vars, request.Ds), request.Target, request.BigQueryDataset);
        var selection = Selection.Parse(request.Select, manifest, graph);
        await ArtifactWriter.WriteManifestAsync(_options.TargetDirectory, manifest, renderer, "compile", _timeProvider.GetUtcNow(), cancellationToken);

        var modelDirectory = CleanDirectory(Path.Combine(request.OutputDirectory, "models"));
        var testDirectory = CleanDirectory(Path.Combine(request.OutputDirectory, "tests"));
        var results = new List<NodeResult>();
        var modelFiles = new List<string>();
        foreach (var (name, index) in graph.Order.Where(selection.Models.Contains).Select((name, index) => (name, index)))
        {
            var model = manifest.Models[name];
            var path = Path.Combine(modelDirectory, $"{index + 1:000}_{name}.sql");
            await File.WriteAllTextAsync(path, Materialization.Script(model, renderer, replaceDay: request.Ds is not null), cancellationToken);
            modelFiles.Add(path);
            results.Add(Compiled(model.UniqueId, name, NodeKind.Model, path));
        }

        var testFiles = new List<string>();
        var context = new TestSqlContext(renderer, relations: null, _timeProvider.GetUtcNow());
        foreach (var test in manifest.Tests.Where(t => selection.Tests.Contains(t.Name)))
        {
            var path = Path.Combine(testDirectory, $"{test.Name}.sql");
            await File.WriteAllTextAsync(path, $"-- {test.Kind} test ({test.Severity.ToString().ToLowerInvariant()}) from {test.DefinedIn}\n{test.Sql(context)}\n", cancellationToken);
            testFiles.Add(path);
            results.Add(Compiled(test.UniqueId, test.Name, NodeKind.Test, path));
        }

        var arguments = new Dictionary<string, object?>
        {
            ["select"] = request.Select,
            ["target"] = renderer.Dialect.Name,
            ["ds"] = Day(request.Ds),
            ["out"] = request.OutputDirectory,
        };
        await ArtifactWriter.WriteRunResultsAsync(
            _options.TargetDirectory, manifest, new RunSummary("compile", results, clock.Elapsed), arguments, _timeProvider.GetUtcNow(), cancellationToken);
        return new CompileSummary(modelFiles, testFiles);
    }

    /// <summary>
    /// A model's query for the engine's warehouse rendered with <paramref name="vars"/> (such as <c>kpi_from</c>,
    /// <c>kpi_to</c>), to run as a query instead of reading the model's table, so a filtered KPI has no second definition.
    /// </summary>
    public Task<string> RenderQueryAsync(string model, IReadOnlyDictionary<string, string>? vars, CancellationToken cancellationToken) =>
        RenderQueryAsync(model, vars, _target.Target, cancellationToken);

    /// <summary>A model's query rendered with <paramref name="vars"/> for <paramref name="target"/>.</summary>
    public Task<string> RenderQueryAsync(string model, IReadOnlyDictionary<string, string>? vars, TargetWarehouse target, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (manifest, _, renderer) = Prepare(vars ?? new Dictionary<string, string>(), target, target == _target.Target ? _target.Dataset : null);
        return manifest.Models.TryGetValue(model, out var node)
            ? Task.FromResult(renderer.RenderModel(node, isIncremental: false))
            : throw new PipelineException($"no model named {model} in {manifest.ProjectDirectory}.");
    }

    /// <summary>
    /// Every model's query (the SELECT its build wraps) in build order, then every test's query, rendered for
    /// <paramref name="target"/>, each with the relations it reads; <paramref name="bigQueryDataset"/> replaces the
    /// project's <c>bigquery.dataset</c> when given. What <c>bigquery check</c> dry-runs.
    /// </summary>
    public IReadOnlyList<PlannedQuery> PlanQueries(TargetWarehouse target, string? bigQueryDataset, IReadOnlyDictionary<string, string>? vars)
    {
        var (manifest, graph, renderer) = Prepare(vars ?? new Dictionary<string, string>(), target, bigQueryDataset);
        var dialect = renderer.Dialect;
        string Model(string name) => dialect.ModelRelation(manifest.Models[name]);
        IEnumerable<string> Sources(IEnumerable<SourceTable> sources) => sources.Select(s => dialect.SourceRelation(s.Schema, s.Name));
        var plan = new List<PlannedQuery>();
        foreach (var name in graph.Order)
        {
            var model = manifest.Models[name];
            plan.Add(new PlannedQuery(name, NodeKind.Model, renderer.RenderModel(model, isIncremental: false), Model(name), [.. model.Refs.Distinct().Select(Model), .. Sources(model.Sources).Distinct()]));
        }

        var context = new TestSqlContext(renderer, relations: null, _timeProvider.GetUtcNow());
        foreach (var test in manifest.Tests)
        {
            plan.Add(new PlannedQuery(test.Name, NodeKind.Test, test.Sql(context), null, [.. test.DependsOn.Distinct().Select(Model), .. Sources(test.Sources).Distinct()]));
        }

        return plan;
    }

    /// <summary>The project's <c>bigquery.dataset</c> (<c>olist</c> unless olist_project.yml names another), read from its settings file alone.</summary>
    public static string BigQueryDatasetOf(string projectDirectory)
    {
        var root = Path.GetFullPath(projectDirectory);
        return ProjectSettingsReader.Read(YamlFile.Load(root, Path.Combine(root, ProjectPaths.ProjectFile))).BigQueryDataset;
    }

    /// <summary>The models of the project that do not exist in the warehouse yet; empty once a full build has run.</summary>
    public async Task<IReadOnlyList<string>> MissingModelsAsync(CancellationToken cancellationToken)
    {
        var (manifest, graph, _) = Prepare(new Dictionary<string, string>(), _target.Target, _target.Dataset);
        await using var session = await _target.OpenSessionAsync(cancellationToken);
        var missing = new List<string>();
        foreach (var name in graph.Order)
        {
            if (await session.RelationKindAsync(manifest.Models[name].Config.Schema, name, cancellationToken) == RelationKind.Missing)
            {
                missing.Add(name);
            }
        }

        return missing;
    }

    private async Task<RunSummary> RunAsync(
        string command,
        string? select,
        IndirectSelection indirect,
        IReadOnlyDictionary<string, string> vars,
        IReadOnlyDictionary<string, object?> arguments,
        Func<ProjectRunner, Selection, Task<List<NodeResult>>> run,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (manifest, graph, renderer) = Prepare(vars, _target.Target, _target.Dataset);
        var selection = Selection.Parse(select, manifest, graph, indirect);
        await ArtifactWriter.WriteManifestAsync(_options.TargetDirectory, manifest, renderer, command, _timeProvider.GetUtcNow(), cancellationToken);
        await _target.PrepareAsync(cancellationToken);
        await using var session = await _target.OpenSessionAsync(cancellationToken);
        var results = await run(new ProjectRunner(manifest, graph, renderer, session, _timeProvider, _logger), selection);
        var summary = new RunSummary(command, results, clock.Elapsed);
        TransformMetrics.RecordCommand(command, summary.Succeeded, summary.Elapsed);
        await ArtifactWriter.WriteRunResultsAsync(_options.TargetDirectory, manifest, summary, arguments, _timeProvider.GetUtcNow(), cancellationToken);
        return summary;
    }

    private async Task<T> RunStepAsync<T>(
        WriteAuditPublishRequest request, Func<ProjectRunner, ModelNode, Task<T>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (manifest, graph, renderer) = Prepare(WithDay(request.Vars, request.Ds), _target.Target, _target.Dataset);
        if (!manifest.Models.TryGetValue(request.Model, out var model) || !model.Config.WriteAuditPublish)
        {
            throw new PipelineException($"{request.Model} is not a Write-Audit-Publish model of {manifest.ProjectDirectory}.");
        }

        await using var session = await _target.OpenSessionAsync(cancellationToken);
        return await step(new ProjectRunner(manifest, graph, renderer, session, _timeProvider, _logger), model);
    }

    /// <summary>What the project's YAML says about each model (descriptions, data types, meta, tested guarantees), read like every command reads the project.</summary>
    public IReadOnlyList<ModelMetadata> Metadata() => ModelMetadata.Of(Parsed().Manifest);

    /// <summary>What the YAML of the project in <paramref name="projectDirectory"/> says about each model, read once without a warehouse.</summary>
    public static IReadOnlyList<ModelMetadata> ReadMetadata(string projectDirectory) => ModelMetadata.Of(ProjectLoader.Load(projectDirectory));

    private (TransformManifest Manifest, DependencyGraph Graph, TemplateRenderer Renderer) Prepare(
        IReadOnlyDictionary<string, string> vars, TargetWarehouse target, string? bigQueryDataset = null)
    {
        var (manifest, graph) = Parsed();
        SqlDialect dialect = target == TargetWarehouse.BigQuery
            ? new BigQueryDialect(string.IsNullOrWhiteSpace(bigQueryDataset) ? manifest.Settings.BigQueryDataset : bigQueryDataset)
            : DuckDbDialect.Instance;
        return (manifest, graph, new TemplateRenderer(manifest, dialect, VarValues.Resolve(manifest.Settings, vars)));
    }

    /// <summary>
    /// The parsed project and its graph, read again only when a file of the project folder was added, removed or
    /// rewritten: a KPI range renders a model per request, and parsing every template each time would cost more than the query.
    /// </summary>
    private (TransformManifest Manifest, DependencyGraph Graph) Parsed()
    {
        var fingerprint = ProjectFingerprint.Of(_options.ProjectDirectory);
        var parsed = Volatile.Read(ref _parsed);
        if (parsed is null || parsed.Fingerprint != fingerprint)
        {
            var manifest = ProjectLoader.Load(_options.ProjectDirectory);
            parsed = new ParsedProject(fingerprint, manifest, new DependencyGraph(manifest.Models));
            Volatile.Write(ref _parsed, parsed);
        }

        return (parsed.Manifest, parsed.Graph);
    }

    private static Dictionary<string, string> WithDay(IReadOnlyDictionary<string, string>? vars, DateOnly? day)
    {
        var merged = new Dictionary<string, string>(vars ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (Day(day) is { } ds)
        {
            merged[ProjectSettingsReader.DayVar] = ds;
        }

        return merged;
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Removes earlier compiled files so the folder's name order is exactly this build order.</summary>
    private static string CleanDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.EnumerateFiles(directory, "*.sql"))
        {
            File.Delete(file);
        }

        return directory;
    }

    /// <summary>A parsed project and the fingerprint of the folder it was read from.</summary>
    private sealed record ParsedProject(string Fingerprint, TransformManifest Manifest, DependencyGraph Graph);

    private NodeResult Compiled(string uniqueId, string name, NodeKind kind, string path) =>
        new(uniqueId, name, kind, RunStatus.Success, _timeProvider.GetUtcNow(), TimeSpan.Zero, null, null, [], $"compiled to {path}");
}
