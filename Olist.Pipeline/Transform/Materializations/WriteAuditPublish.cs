using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>
/// Write-Audit-Publish: the model's new rows are written to <c>audit.model</c>, audited there by its tests, and published
/// (whole table, or the run's day) in one transaction only when the audit passes; a failed audit leaves the published table as it was.
/// </summary>
internal static class WriteAuditPublish
{
    /// <summary>The outcome: rows published, or null when the audit failed and nothing was published.</summary>
    public static async Task<long?> RunAsync(
        ModelBuild build, Func<IReadOnlyDictionary<string, string>, Task<bool>> auditPasses, CancellationToken cancellationToken)
    {
        var audit = build.Renderer.Dialect.AuditRelation(build.Model);
        await build.Session.ExecuteInTransactionAsync(
            [$"CREATE SCHEMA IF NOT EXISTS {DuckDbDialect.AuditSchema}", $"CREATE OR REPLACE TABLE {audit} AS\n{build.RenderSql()}\n"],
            cancellationToken);
        var relations = new Dictionary<string, string>(StringComparer.Ordinal) { [build.Model.Name] = audit };
        if (!await auditPasses(relations))
        {
            return null;
        }

        var published = await Materialization.Publishing(build.Model.Config).PublishAsync(build, audit, cancellationToken);
        await build.Session.ExecuteAsync($"DROP TABLE {audit}", cancellationToken);
        return published;
    }
}
