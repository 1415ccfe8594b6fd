using Olist.Pipeline.Transform.Graph;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Tests.BigQuery;

/// <summary>
/// The proof that the project's BigQuery SQL is BigQuery SQL, since no BigQuery emulator can run here: ZetaSQL, in
/// BigQuery's mode, analyzes every statement <c>compile --target bigquery</c> writes (with and without <c>--ds</c>), every
/// statement the engine sends during a build and a daily build of the Write-Audit-Publish fact (audit, publish), and every
/// KPI read (whole table and date range). The catalog starts with the raw tables and learns each created relation's
/// columns from ZetaSQL's own analysis, so a model that reads a column its upstream lacks fails too.
/// </summary>
public sealed class BigQueryDialectProofTests(ITestOutputHelper output)
{
    private static readonly DateOnly Day = new(2018, 3, 1);

    [Fact]
    public async Task Every_statement_for_BigQuery_analyzes_with_ZetaSQL()
    {
        using var data = new TempDirectory();
        await using var services = TestPipeline.Create(data.Path);
        var engine = services.GetRequiredService<TransformProject>();
        var manifest = ProjectLoader.Load(TransformOptions.DefaultProjectDirectory);
        var dialect = new BigQueryDialect(manifest.Settings.BigQueryDataset);

        var full = await engine.CompileAsync(new CompileRequest(data.Combine("full"), TargetWarehouse.BigQuery), CancellationToken.None);
        var daily = await engine.CompileAsync(new CompileRequest(data.Combine("day"), TargetWarehouse.BigQuery, Ds: Day), CancellationToken.None);
        var incremental = manifest.Models.Values.Where(m => m.Config.Materialized == Materialized.Incremental).Select(m => $"_{m.Name}.sql").ToList();
        var parts = new List<(string Part, IReadOnlyList<SqlScript> Scripts)>
        {
            ("compile: models, full refresh", await FilesAsync(full.ModelFiles)),
            ("compile: tests", await FilesAsync(full.TestFiles)),
            ($"compile --ds {Day:yyyy-MM-dd}: incremental models", await FilesAsync(daily.ModelFiles.Where(f => incremental.Any(f.EndsWith)))),
            ("engine: build", Statements("build", await RecordAsync(manifest, dialect, select: null, day: null))),
            ($"engine: build --ds {Day:yyyy-MM-dd} (incremental, audit, publish)", Statements("build --ds", await RecordAsync(manifest, dialect, IncrementalModels(manifest), Day))),
            ("KPI reads: tables and date ranges", await KpiReadsAsync(engine, manifest, dialect)),
        };

        var report = await ZetaSql.RunAsync(
            await RawTableCatalog.CreateAsync(dialect, data.Path, CancellationToken.None), [.. parts.SelectMany(p => p.Scripts)], CancellationToken.None);

        var outcomes = report.Results.GetEnumerator();
        foreach (var (part, scripts) in parts)
        {
            var statements = scripts.Sum(_ => outcomes.MoveNext() ? outcomes.Current.Statements : 0);
            output.WriteLine($"{part}: {scripts.Count} scripts, {statements} statements");
        }

        output.WriteLine($"ZetaSQL analyzed {report.Statements} statements");
        var failures = report.Results.Where(r => r.Error is not null).Select(r => $"{r.Name}:\n{r.Error}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} BigQuery scripts do not analyze:\n\n{string.Join("\n\n", failures)}");
        Assert.Equal(manifest.Models.Count, full.ModelFiles.Count);
        Assert.Equal(manifest.Tests.Count, full.TestFiles.Count);
        Assert.NotEmpty(incremental);
        Assert.True(report.Statements >= 2 * (manifest.Models.Count + manifest.Tests.Count), $"only {report.Statements} statements analyzed");
    }

    private static async Task<IReadOnlyList<SqlScript>> FilesAsync(IEnumerable<string> files) =>
        await Task.WhenAll(files.Select(async f => new SqlScript(Path.GetFileName(f), await File.ReadAllTextAsync(f))));

    private static IReadOnlyList<SqlScript> Statements(string run, IReadOnlyList<string> statements) =>
        [.. statements.Select((sql, i) => new SqlScript($"{run} statement {i + 1}: {sql.Split('\n')[0]}", sql))];

    private static string IncrementalModels(TransformManifest manifest) =>
        string.Join(' ', manifest.Models.Values.Where(m => m.Config.Materialized == Materialized.Incremental).Select(m => m.Name));

    /// <summary>The statements a build sends to BigQuery, on a session that records them; relations exist as after an earlier build.</summary>
    private static async Task<IReadOnlyList<string>> RecordAsync(TransformManifest manifest, SqlDialect dialect, string? select, DateOnly? day)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (day is { } ds)
        {
            vars[ProjectSettingsReader.DayVar] = ds.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var session = new RecordingSession((_, name) =>
            manifest.Models.TryGetValue(name, out var model) && model.Config.Materialized == Materialized.View ? RelationKind.View : RelationKind.Table);
        var graph = new DependencyGraph(manifest.Models);
        var runner = new ProjectRunner(
            manifest, graph, new TemplateRenderer(manifest, dialect, VarValues.Resolve(manifest.Settings, vars)), session, TimeProvider.System, NullLogger.Instance);
        var results = await runner.BuildAsync(Selection.Parse(select, manifest, graph), fullRefresh: false, progress: null, CancellationToken.None);
        Assert.All(results, r => Assert.Contains(r.Status, new[] { RunStatus.Success, RunStatus.Pass }));
        return session.Statements;
    }

    /// <summary>Each KPI read as the KPI service runs it, with BigQuery's relations and typed named parameters: the built table, and the model's own query for a date range.</summary>
    private static async Task<IReadOnlyList<SqlScript>> KpiReadsAsync(TransformProject engine, TransformManifest manifest, SqlDialect dialect)
    {
        var range = KpiService.RangeVars(new DateRange(new DateOnly(2017, 1, 1), new DateOnly(2017, 6, 30)));
        var reads = new List<SqlScript>();
        foreach (var query in KpiCatalog.From(engine).All)
        {
            var parameters = query.Filters.ToDictionary(f => f.Parameter, f => f.ValueType == typeof(string) ? "STRING" : "INT64", StringComparer.Ordinal);
            var ranged = await engine.RenderQueryAsync(query.Model, range, TargetWarehouse.BigQuery, CancellationToken.None);
            reads.Add(new SqlScript($"{query.Model} read", query.Sql(dialect.ModelRelation(manifest.Models[query.Model]), "@"), parameters));
            reads.Add(new SqlScript($"{query.Model} read for a date range", query.Sql(query.RangeRelation(ranged), "@"), parameters));
        }

        return reads;
    }
}
