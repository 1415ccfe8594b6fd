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
            [CreateSchema(build),
             .. DropOtherKind(build, RelationKind.Table),
             build.Renderer.Dialect.CreateOrReplaceTable(build.Relation, sql, build.Model.Config.IncrementalKey)],
            cancellationToken);
        return await CountAsync(build, cancellationToken);
    }
}
