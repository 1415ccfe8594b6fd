using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Transform;
using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>
/// The DAG <c>daily_build</c> (architecture.md, Orchestration), a chain: check_new_data short-circuits a day without
/// orders; then staging and dimensions (once per range), Write-Audit-Publish of the day's fact_sales as three daily
/// tasks, the KPI models and their tests (once per range: a backfill runs them after its last day).
/// </summary>
public static class DailyBuildDag
{
    public const string DagId = "daily_build";
    public const string CheckNewData = "check_new_data";
    public const string BuildStaging = "build_staging";
    public const string BuildDimensions = "build_dimensions";
    public const string WriteAuditFactSales = "write_audit_fact_sales";
    public const string AuditFactSales = "audit_fact_sales";
    public const string PublishFactSales = "publish_fact_sales";
    public const string BuildKpis = "build_kpis";
    public const string TestKpis = "test_kpis";

    /// <summary>The day's fact, published by Write-Audit-Publish.</summary>
    public const string FactModel = "fact_sales";

    /// <summary>The marts fact_sales reads besides staging: the dimensions and fact_orders (the order grain it allocates payments from).</summary>
    public const string DimensionSelection = "tag:dimensions fact_orders";

    /// <summary>The DAG over <paramref name="transform"/>'s project and warehouse.</summary>
    public static DagDefinition Create(TransformProject transform, INewDataCheck newData)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(newData);
        return new DagDefinition(DagId,
        [
            new(CheckNewData, async (context, token) =>
            {
                var orders = await newData.CountOrdersAsync(context.LogicalDate, token);
                return orders == 0
                    ? TaskOutcome.ShortCircuit($"no orders purchased on {context.LogicalDate:yyyy-MM-dd}: nothing to build")
                    : TaskOutcome.Success($"{orders:N0} orders purchased on {context.LogicalDate:yyyy-MM-dd}");
            })
            {
                WorkDays = new WorkDays("with orders", async (from, to, token) => [.. (await newData.CountByDayAsync(from, to, token)).Keys]),
            },
            new(BuildStaging, (context, token) => BuildAsync(transform, context, "path:staging", IndirectSelection.Buildable, token))
            {
                Upstream = [CheckNewData],
                Cadence = TaskCadence.OncePerRange,
            },
            new(BuildDimensions, (context, token) => BuildAsync(transform, context, DimensionSelection, IndirectSelection.Buildable, token))
            {
                Upstream = [BuildStaging],
                Cadence = TaskCadence.OncePerRange,
            },
            new(WriteAuditFactSales, async (context, token) =>
            {
                var written = await transform.WriteAuditAsync(Day(context), token);
                await context.RecordAsync([written]);
                return Outcome(written.Status == RunStatus.Success, [written], written.Message ?? "written");
            })
            {
                Upstream = [BuildDimensions],
            },
            new(AuditFactSales, async (context, token) =>
            {
                var audit = await transform.AuditAsync(Day(context), token);
                await context.RecordAsync(audit.Results);
                var blocking = audit.Tests.Where(t => t.Status is RunStatus.Fail or RunStatus.Error).Select(t => t.Name).ToList();
                return Outcome(
                    audit.Succeeded,
                    audit.Results,
                    audit.Succeeded
                        ? $"{audit.Tests.Count()} tests on audit.{FactModel}: none failing"
                        : $"audit failed ({string.Join(", ", blocking)}): nothing published, {FactModel} is unchanged");
            })
            {
                Upstream = [WriteAuditFactSales],
            },
            new(PublishFactSales, async (context, token) =>
            {
                var published = await transform.PublishAsync(Day(context), token);
                await context.RecordAsync([published]);
                return Outcome(published.Status == RunStatus.Success, [published], published.Message ?? "published");
            })
            {
                Upstream = [AuditFactSales],
            },
            new(BuildKpis, (context, token) => BuildAsync(transform, context, "path:kpis", IndirectSelection.Empty, token))
            {
                Upstream = [PublishFactSales],
                Cadence = TaskCadence.OncePerRange,
            },
            new(TestKpis, async (context, token) =>
            {
                var summary = await transform.TestAsync(new TestRequest("path:kpis", Indirect: IndirectSelection.Buildable), progress: null, token);
                await context.RecordAsync(summary.Results);
                return Outcome(summary.Succeeded, summary.Results, Describe(summary));
            })
            {
                Upstream = [BuildKpis],
                Cadence = TaskCadence.OncePerRange,
            },
        ]);
    }

    private static WriteAuditPublishRequest Day(TaskContext context) => new(FactModel, context.LogicalDate, context.FullRefresh);

    private static async Task<TaskOutcome> BuildAsync(
        TransformProject transform, TaskContext context, string select, IndirectSelection indirect, CancellationToken token)
    {
        var request = new BuildRequest(select, context.FullRefresh, context.LogicalDate, Indirect: indirect);
        var summary = await transform.BuildAsync(request, progress: null, token);
        await context.RecordAsync(summary.Results);
        return Outcome(summary.Succeeded, summary.Results, Describe(summary));
    }

    private static string Describe(RunSummary summary)
    {
        var failing = summary.Results.Where(r => r.Status is RunStatus.Error or RunStatus.Fail).Select(r => r.Name).ToList();
        var tests = summary.Tests.ToList();
        return failing.Count == 0
            ? $"{summary.Models.Count()} models, {tests.Count} tests ({tests.Count(t => t.Status == RunStatus.Warn)} warnings) in {summary.Elapsed.TotalSeconds:F1} s"
            : $"failed: {string.Join(", ", failing.Take(5))}{(failing.Count > 5 ? $" and {failing.Count - 5} more" : string.Empty)}";
    }

    /// <summary>Success, or a failure that is transient when every model error names a transient cause (a lock, a write conflict).</summary>
    private static TaskOutcome Outcome(bool succeeded, IEnumerable<NodeResult> results, string message)
    {
        if (succeeded)
        {
            return TaskOutcome.Success(message);
        }

        var errors = results.Where(r => r.Status is RunStatus.Error or RunStatus.Fail).ToList();
        return errors.Count > 0 && errors.All(e => e.Kind == NodeKind.Model && TransientErrors.IsTransient(e.Message))
            ? TaskOutcome.Transient(message + ": " + errors[0].Message)
            : TaskOutcome.Failed(message);
    }
}
