using Olist.Pipeline.Transform.Execution;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>A view, replaced in one transaction (dropping a table of the same name first).</summary>
internal sealed class ViewMaterialization : Materialization
{
    public override async Task<long?> RunAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        var sql = build.RenderSql();
        await build.Session.ExecuteInTransactionAsync(
            [CreateSchema(build), .. DropOtherKind(build, RelationKind.View), build.Renderer.Dialect.CreateOrReplaceView(build.Relation, sql)],
            cancellationToken);
        return null;
    }
}
