using Olist.Pipeline.Progress;
using Olist.Pipeline.Transform.DataTests;
using Olist.Pipeline.Transform.Graph;
using Olist.Pipeline.Transform.Materializations;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Pipeline.Transform.Execution;

/// <summary>
/// Runs selected models in graph order, each followed by its tests, on one warehouse session; the checks of the sources
/// they read (row counts, freshness) run first. A model that fails, or whose error-severity test fails, skips everything
/// downstream of it, as does a failing error-severity source check for the models reading that source; warnings only report.
/// </summary>
internal sealed partial class ProjectRunner(
    TransformManifest manifest, DependencyGraph graph, TemplateRenderer renderer, IWarehouseSession session, TimeProvider timeProvider, ILogger logger)
{
    private const int SampleRows = 10;

    /// <summary>When the run started: freshness is judged against one instant for every source.</summary>
    private readonly DateTimeOffset _startedAt = timeProvider.GetUtcNow();

    public async Task<List<NodeResult>> BuildAsync(Selection selection, bool fullRefresh, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = graph.Order.Where(selection.Models.Contains).ToList();
        var position = plan.Select((model, index) => (model, index)).ToDictionary(p => p.model, p => p.index, StringComparer.Ordinal);
        var tests = manifest.Tests.Where(t => selection.Tests.Contains(t.Name)).ToList();
        var sourceChecks = tests.Where(t => t.DependsOn.Count == 0 && t.Sources.Count > 0).ToList();
        var testsAfter = tests.Except(sourceChecks).ToLookup(t => t.DependsOn.Where(position.ContainsKey).OrderBy(m => position[m]).LastOrDefault() ?? string.Empty);
        var counter = new Counter(progress, "build", plan.Count + tests.Count);
        var results = new List<NodeResult>();
        var built = new HashSet<string>(StringComparer.Ordinal);
        var blocked = new HashSet<string>(StringComparer.Ordinal);

        foreach (var check in sourceChecks)
        {
            var result = counter.Done(await RunTestAsync(check, relations: null, cancellationToken));
            results.Add(result);
            if (IsBlocking(result))
            {
                blocked.UnionWith(check.Sources.Select(s => s.UniqueId));
            }
        }

        foreach (var name in plan)
        {
            var model = manifest.Models[name];
            var due = testsAfter[name].ToList();
            var failedUpstream = model.Refs.FirstOrDefault(blocked.Contains) ?? model.Sources.Select(s => s.UniqueId).FirstOrDefault(blocked.Contains);
            if (failedUpstream is not null)
            {
                blocked.Add(name);
                results.Add(counter.Done(Skipped(model.UniqueId, name, NodeKind.Model, $"skipped: upstream {failedUpstream} failed")));
                results.AddRange(due.Select(t => counter.Done(Skipped(t.UniqueId, t.Name, NodeKind.Test, $"skipped: {name} was not built"))));
                continue;
            }

            var ready = due.Where(t => t.DependsOn.All(m => !position.ContainsKey(m) || m == name || built.Contains(m))).ToList();
            var (modelResult, testResults) = await BuildModelAsync(model, ready, fullRefresh, cancellationToken);
            results.Add(counter.Done(modelResult));
            results.AddRange(testResults.Select(counter.Done));
            results.AddRange(due.Except(ready).Select(t => counter.Done(Skipped(t.UniqueId, t.Name, NodeKind.Test, "skipped: a model it reads was not built"))));
            if (modelResult.Status == RunStatus.Success)
            {
                built.Add(name);
            }

            if (modelResult.Status != RunStatus.Success || testResults.Any(IsBlocking))
            {
                blocked.Add(name);
            }
        }

        foreach (var test in testsAfter[string.Empty])
        {
            results.Add(counter.Done(await RunTestAsync(test, relations: null, cancellationToken)));
        }

        return results;
    }

    public async Task<List<NodeResult>> TestAsync(Selection selection, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var tests = manifest.Tests.Where(t => selection.Tests.Contains(t.Name)).ToList();
        var counter = new Counter(progress, "test", tests.Count);
        var results = new List<NodeResult>(tests.Count);
        foreach (var test in tests)
        {
            results.Add(counter.Done(await RunTestAsync(test, relations: null, cancellationToken)));
        }

        return results;
    }

    /// <summary>Write step of a Write-Audit-Publish model: its new rows (the day, or all) into its audit relation.</summary>
    public Task<NodeResult> WriteAuditAsync(ModelNode model, bool fullRefresh, CancellationToken cancellationToken) =>
        StepAsync(model, fullRefresh, async build =>
        {
            var rows = await WriteAuditPublish.WriteAsync(build, cancellationToken);
            return (rows, $"wrote {rows:N0} rows to {WriteAuditPublish.AuditRelations(build)[model.Name]}");
        }, cancellationToken);

    /// <summary>Audit step: the model's tests on its audit relation (tests that also read its descendants wait for those).</summary>
    public async Task<List<NodeResult>> AuditAsync(ModelNode model, bool fullRefresh, CancellationToken cancellationToken)
    {
        var build = await ModelBuildAsync(model, fullRefresh, cancellationToken);
        await WriteAuditPublish.EnsureWrittenAsync(build, cancellationToken);
        var downstream = graph.Descendants(model.Name);
        var results = new List<NodeResult>();
        foreach (var test in manifest.Tests.Where(t => t.DependsOn.Contains(model.Name) && !t.DependsOn.Any(downstream.Contains)))
        {
            results.Add(await RunTestAsync(test, WriteAuditPublish.AuditRelations(build), cancellationToken));
        }

        if (results.Any(IsBlocking))
        {
            await WriteAuditPublish.KeepForInspectionAsync(build, cancellationToken);
        }

        return results;
    }

    /// <summary>Publish step: the audited rows into the model in one transaction (the day, or the whole table).</summary>
    public Task<NodeResult> PublishAsync(ModelNode model, bool fullRefresh, CancellationToken cancellationToken) =>
        StepAsync(model, fullRefresh, async build =>
        {
            await WriteAuditPublish.EnsureWrittenAsync(build, cancellationToken);
            var rows = await WriteAuditPublish.PublishAsync(build, cancellationToken);
            return (rows, $"{(build.IsIncremental ? $"day {renderer.Vars.Day}: " : string.Empty)}published {rows:N0} rows");
        }, cancellationToken);

    private static bool IsBlocking(NodeResult test) => test.Status is RunStatus.Fail or RunStatus.Error;

    private async Task<ModelBuild> ModelBuildAsync(ModelNode model, bool fullRefresh, CancellationToken cancellationToken) =>
        new(model, renderer, session, await session.RelationKindAsync(model.Config.Schema, model.Name, cancellationToken), fullRefresh);

    private async Task<NodeResult> StepAsync(
        ModelNode model, bool fullRefresh, Func<ModelBuild, Task<(long Rows, string Message)>> step, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetUtcNow();
        var clock = Stopwatch.StartNew();
        try
        {
            var bytesBefore = session.BytesProcessed;
            var (rows, message) = await step(await ModelBuildAsync(model, fullRefresh, cancellationToken));
            ModelFinished(model.Name, RunStatus.Success, clock.Elapsed, rows);
            return new NodeResult(model.UniqueId, model.Name, NodeKind.Model, RunStatus.Success, started, clock.Elapsed, rows, null, [], message, BytesSince(bytesBefore));
        }
        catch (PipelineException ex)
        {
            ModelFinished(model.Name, RunStatus.Error, clock.Elapsed, null);
            return new NodeResult(model.UniqueId, model.Name, NodeKind.Model, RunStatus.Error, started, clock.Elapsed, null, null, [], ex.Message);
        }
    }

    private async Task<(NodeResult Model, List<NodeResult> Tests)> BuildModelAsync(
        ModelNode model, List<DataTest> tests, bool fullRefresh, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var bytesBefore = session.BytesProcessed;
        var testResults = new List<NodeResult>();
        try
        {
            var build = await ModelBuildAsync(model, fullRefresh, cancellationToken);
            long? rows;
            string message;
            if (model.Config.WriteAuditPublish)
            {
                rows = await WriteAuditPublish.RunAsync(build, async relations =>
                {
                    foreach (var test in tests)
                    {
                        testResults.Add(await RunTestAsync(test, relations, cancellationToken));
                    }

                    return !testResults.Any(IsBlocking);
                }, cancellationToken);
                message = rows is null
                    ? $"audit failed ({string.Join(", ", testResults.Where(IsBlocking).Select(t => t.Name))}): nothing published, {build.Relation} is unchanged"
                    : $"audited and published {rows:N0} rows";
            }
            else
            {
                rows = await Materialization.For(model.Config).RunAsync(build, cancellationToken);
                message = rows is null ? "view created" : $"{(build.IsIncremental ? $"day {renderer.Vars.Day}: " : string.Empty)}{rows:N0} rows";
                foreach (var test in tests)
                {
                    testResults.Add(await RunTestAsync(test, relations: null, cancellationToken));
                }
            }

            var status = model.Config.WriteAuditPublish && rows is null ? RunStatus.Error : RunStatus.Success;
            ModelFinished(model.Name, status, clock.Elapsed, rows);
            var bytes = BytesSince(bytesBefore) - testResults.Sum(t => t.BytesProcessed);
            return (new NodeResult(model.UniqueId, model.Name, NodeKind.Model, status, started, clock.Elapsed, rows, null, [], message, bytes), testResults);
        }
        catch (PipelineException ex)
        {
            ModelFinished(model.Name, RunStatus.Error, clock.Elapsed, null);
            var skipped = tests.Skip(testResults.Count).Select(t => Skipped(t.UniqueId, t.Name, NodeKind.Test, $"skipped: {model.Name} failed"));
            return (new NodeResult(model.UniqueId, model.Name, NodeKind.Model, RunStatus.Error, started, clock.Elapsed, null, null, [], ex.Message),
                [.. testResults, .. skipped]);
        }
    }

    private async Task<NodeResult> RunTestAsync(DataTest test, IReadOnlyDictionary<string, string>? relations, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var bytesBefore = session.BytesProcessed;
        try
        {
            var sql = test.Sql(new TestSqlContext(renderer, relations, _startedAt));
            var failures = await session.CountAsync($"SELECT count(*) FROM (\n{sql}\n) AS failures", cancellationToken);
            var sample = failures > 0
                ? await session.QueryAsync($"SELECT * FROM (\n{sql}\n) AS failures LIMIT {SampleRows}", cancellationToken)
                : [];
            var status = failures == 0 ? RunStatus.Pass : test.Severity == Severity.Warn ? RunStatus.Warn : RunStatus.Fail;
            var where = relations is null ? string.Empty : " (on the audit relation)";
            var message = failures == 0 ? null : $"{test.Explain(failures, sample)}{where}";
            return new NodeResult(test.UniqueId, test.Name, NodeKind.Test, status, started, clock.Elapsed, null, failures, sample, message, BytesSince(bytesBefore));
        }
        catch (PipelineException ex)
        {
            return new NodeResult(test.UniqueId, test.Name, NodeKind.Test, RunStatus.Error, started, clock.Elapsed, null, null, [], ex.Message);
        }
    }

    /// <summary>Bytes the session processed since it reported <paramref name="before"/>; null where the warehouse reports none.</summary>
    private long? BytesSince(long? before) => session.BytesProcessed - before;

    private NodeResult Skipped(string uniqueId, string name, NodeKind kind, string message) =>
        new(uniqueId, name, kind, RunStatus.Skipped, timeProvider.GetUtcNow(), TimeSpan.Zero, null, null, [], message);

    private void ModelFinished(string model, RunStatus status, TimeSpan elapsed, long? rows)
    {
        LogModel(model, status, elapsed.TotalMilliseconds, rows);
        TransformMetrics.RecordModel(model, status, elapsed, rows);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: {Status} in {ElapsedMs:F0} ms, {Rows} rows")]
    private partial void LogModel(string model, RunStatus status, double elapsedMs, long? rows);

    /// <summary>Reports each finished node as one step of the command's progress.</summary>
    private sealed class Counter(IProgress<WorkProgress>? progress, string step, int total)
    {
        private int _done;

        public NodeResult Done(NodeResult result)
        {
            progress?.Report(new WorkProgress(step, ++_done, total, $"{result.Name} {result.Status.ToString().ToLowerInvariant()}"));
            return result;
        }
    }
}
