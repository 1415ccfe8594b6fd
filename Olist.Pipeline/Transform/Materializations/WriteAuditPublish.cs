using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>
/// Write-Audit-Publish: the model's new rows are written to an audit relation, audited there by its tests, and published
/// (whole table, or the run's day) in one transaction only when the audit passes; a failed audit leaves the published table
/// as it was and its rows in <c>audit.model</c> for inspection. The three steps are also callable one by one, so an
/// orchestrator can run, retry and record each as a task of its own.
/// </summary>
/// <remarks>
/// A day is audited in the dialect's audit relation (<c>audit.model</c> on DuckDB) and merged into the table. A full build
/// is audited in its swap relation beside the table it replaces (<c>schema.model__audit</c>: DuckDB renames a table only
/// within its schema), so publishing swaps it in without copying a row where the warehouse can rename.
/// </remarks>
internal static class WriteAuditPublish
{
    /// <summary>The outcome: rows published, or null when the audit failed and nothing was published.</summary>
    public static async Task<long?> RunAsync(
        ModelBuild build, Func<IReadOnlyDictionary<string, string>, Task<bool>> auditPasses, CancellationToken cancellationToken)
    {
        await WriteAsync(build, cancellationToken);
        if (!await auditPasses(AuditRelations(build)))
        {
            await KeepForInspectionAsync(build, cancellationToken);
            return null;
        }

        return await PublishAsync(build, cancellationToken);
    }

    /// <summary>Write: replaces the audit relation with the model's new rows (the run's day, or every row); returns how many.</summary>
    public static async Task<long> WriteAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        var audit = Audit(build);
        var dialect = build.Renderer.Dialect;
        await build.Session.ExecuteInTransactionAsync(
            [dialect.CreateSchema(build.IsIncremental ? DuckDbDialect.AuditSchema : build.Model.Config.Schema),
             dialect.CreateOrReplaceTable(audit, build.RenderSql(), build.Model.Config.IncrementalKey)],
            cancellationToken);
        return await build.Session.CountAsync($"SELECT count(*) FROM {audit}", cancellationToken);
    }

    /// <summary>The relation the model's tests read while auditing: the audit relation in place of the model.</summary>
    public static IReadOnlyDictionary<string, string> AuditRelations(ModelBuild build) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [build.Model.Name] = Audit(build) };

    /// <summary>After a failed audit: the audited rows go to <c>audit.model</c> (where a day's already are), nothing is published.</summary>
    public static async Task KeepForInspectionAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        var inspection = build.Renderer.Dialect.AuditRelation(build.Model);
        var audit = Audit(build);
        if (audit != inspection)
        {
            await build.Session.ExecuteInTransactionAsync(
                [build.Renderer.Dialect.CreateSchema(DuckDbDialect.AuditSchema), $"CREATE OR REPLACE TABLE {inspection} AS SELECT * FROM {audit}", $"DROP TABLE {audit}"],
                cancellationToken);
        }
    }

    /// <summary>Publish: the audited rows become the table (a swap) or replace its day (one transaction); returns rows published.</summary>
    public static async Task<long> PublishAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        if (!build.IsIncremental)
        {
            return await Materialization.SwapInAsync(build, cancellationToken);
        }

        var audit = Audit(build);
        var published = await IncrementalMaterialization.ReplaceDayAsync(build, audit, cancellationToken);
        await build.Session.ExecuteAsync($"DROP TABLE {audit}", cancellationToken);
        return published;
    }

    /// <summary>Refuses to audit or publish when no write left an audit relation, naming the step to run first.</summary>
    public static async Task EnsureWrittenAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        var (schema, name) = build.Renderer.Dialect.AuditTable(build.Model, build.IsIncremental);
        if (await build.Session.RelationKindAsync(schema, name, cancellationToken) != RelationKind.Table)
        {
            throw new PipelineException($"{schema}.{name} does not exist: write the audit relation of {build.Model.Name} before auditing or publishing it.");
        }
    }

    private static string Audit(ModelBuild build) =>
        build.IsIncremental ? build.Renderer.Dialect.AuditRelation(build.Model) : build.Renderer.Dialect.SwapRelation(build.Model);
}
