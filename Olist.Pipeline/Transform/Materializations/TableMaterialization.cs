using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>A table rebuilt in full with CREATE OR REPLACE in one transaction: readers see the old rows or the new, never none.</summary>
internal class TableMaterialization : Materialization
{
    public override async Task<long?> RunAsync(ModelBuild build, CancellationToken cancellationToken) =>
        await ReplaceAsync(build, build.RenderSql(), cancellationToken);

    protected static async Task<long> ReplaceAsync(ModelBuild build, string sql, CancellationToken cancellationToken)
    {
        await build.Session.ExecuteInTransactionAsync(
            [CreateSchema(build), .. DropOtherKind(build, RelationKind.Table), $"CREATE OR REPLACE TABLE {build.Relation} AS\n{sql}\n"],
            cancellationToken);
        return await build.Session.CountAsync($"SELECT count(*) FROM {build.Relation}", cancellationToken);
    }
}
