using Olist.Pipeline.Errors;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>
/// Write-Audit-Publish: the model's new rows are written to <c>audit.model</c>, audited there by its tests, and published
/// (whole table, or the run's day) in one transaction only when the audit passes; a failed audit leaves the published table as it was.
/// The three steps are also callable one by one, so an orchestrator can run, retry and record each as a task of its own.
/// </summary>
internal static class WriteAuditPublish
{
    /// <summary>The outcome: rows published, or null when the audit failed and nothing was published.</summary>
    public static async Task<long?> RunAsync(
        ModelBuild build, Func<IReadOnlyDictionary<string, string>, Task<bool>> auditPasses, CancellationToken cancellationToken)
    {
        await WriteAsync(build, cancellationToken);
        if (!await auditPasses(AuditRelations(build)))
        {
            return null;
        }

        return await PublishAsync(build, cancellationToken);
    }

    /// <summary>Write: replaces the audit relation with the model's new rows (the run's day, or every row); returns how many.</summary>
    public static async Task<long> WriteAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        var audit = build.Renderer.Dialect.AuditRelation(build.Model);
        await build.Session.ExecuteInTransactionAsync(
            [$"CREATE SCHEMA IF NOT EXISTS {DuckDbDialect.AuditSchema}", $"CREATE OR REPLACE TABLE {audit} AS\n{build.RenderSql()}\n"],
            cancellationToken);
        return await build.Session.CountAsync($"SELECT count(*) FROM {audit}", cancellationToken);
    }

    /// <summary>The relation the model's tests read while auditing: the audit relation in place of the model.</summary>
    public static IReadOnlyDictionary<string, string> AuditRelations(ModelBuild build) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [build.Model.Name] = build.Renderer.Dialect.AuditRelation(build.Model) };

    /// <summary>Publish: moves the audited rows into the model in one transaction and drops the audit relation; returns rows published.</summary>
    public static async Task<long> PublishAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        var audit = build.Renderer.Dialect.AuditRelation(build.Model);
        var published = await Materialization.Publishing(build.Model.Config).PublishAsync(build, audit, cancellationToken);
        await build.Session.ExecuteAsync($"DROP TABLE {audit}", cancellationToken);
        return published;
    }

    /// <summary>Refuses to audit or publish when no write left an audit relation, naming the step to run first.</summary>
    public static async Task EnsureWrittenAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        if (await build.Session.RelationKindAsync(DuckDbDialect.AuditSchema, build.Model.Name, cancellationToken) != RelationKind.Table)
        {
            throw new PipelineException(
                $"{build.Renderer.Dialect.AuditRelation(build.Model)} does not exist: write the audit relation of {build.Model.Name} before auditing or publishing it.");
        }
    }
}
