using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>
/// Write-Audit-Publish: the model's new rows are written to an audit relation, audited there by its tests, and published
/// (whole table, or the run's day) in one transaction only when the audit passes; a failed audit leaves the published table
/// as it was and its rows in <c>audit.model</c> for inspection.
/// </summary>
/// <remarks>
/// A day is audited in <c>audit.model</c> and merged into the table. A full build is audited in <c>schema.model__audit</c>,
/// beside the table it replaces, so publishing is a drop and a rename in one transaction instead of a copy of every row:
/// DuckDB renames a table only within its schema.
/// </remarks>
internal static class WriteAuditPublish
{
    /// <summary>The outcome: rows published, or null when the audit failed and nothing was published.</summary>
    public static async Task<long?> RunAsync(
        ModelBuild build, Func<IReadOnlyDictionary<string, string>, Task<bool>> auditPasses, CancellationToken cancellationToken)
    {
        var inspection = build.Renderer.Dialect.AuditRelation(build.Model);
        var audit = build.IsIncremental ? inspection : $"{build.Model.Config.Schema}.{SwapName(build)}";
        await build.Session.ExecuteInTransactionAsync(
            [$"CREATE SCHEMA IF NOT EXISTS {(build.IsIncremental ? DuckDbDialect.AuditSchema : build.Model.Config.Schema)}",
             $"CREATE OR REPLACE TABLE {audit} AS\n{build.RenderSql()}\n"],
            cancellationToken);
        var relations = new Dictionary<string, string>(StringComparer.Ordinal) { [build.Model.Name] = audit };
        if (!await auditPasses(relations))
        {
            if (audit != inspection)
            {
                await build.Session.ExecuteInTransactionAsync(
                    [$"CREATE SCHEMA IF NOT EXISTS {DuckDbDialect.AuditSchema}", $"CREATE OR REPLACE TABLE {inspection} AS SELECT * FROM {audit}", $"DROP TABLE {audit}"],
                    cancellationToken);
            }

            return null;
        }

        if (!build.IsIncremental)
        {
            return await Materialization.SwapInAsync(build, SwapName(build), cancellationToken);
        }

        var published = await IncrementalMaterialization.ReplaceDayAsync(build, audit, cancellationToken);
        await build.Session.ExecuteAsync($"DROP TABLE {audit}", cancellationToken);
        return published;
    }

    private static string SwapName(ModelBuild build) => $"{build.Model.Name}__audit";
}
