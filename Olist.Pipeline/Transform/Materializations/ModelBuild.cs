using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>Everything a materialization needs to build one model in one run.</summary>
internal sealed record ModelBuild(
    ModelNode Model, TemplateRenderer Renderer, IWarehouseSession Session, RelationKind ExistingKind, bool FullRefresh)
{
    public string Relation => Renderer.Dialect.ModelRelation(Model);

    /// <summary>
    /// True when only one day is replaced: the model is incremental, its table exists, the run is not a full refresh and
    /// names the day (<c>--ds</c>). Without a day an incremental model is rebuilt in full, so a plain build is always complete.
    /// </summary>
    public bool IsIncremental =>
        Model.Config.Materialized == Materialized.Incremental && ExistingKind == RelationKind.Table && !FullRefresh && Renderer.Vars.Day is not null;

    public string RenderSql() => Renderer.RenderModel(Model, IsIncremental);
}
