using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>How a model's query becomes a relation: run against the warehouse, or written as a standalone script.</summary>
internal abstract class Materialization
{
    private static readonly Materialization ViewKind = new ViewMaterialization();
    private static readonly TableMaterialization TableKind = new();
    private static readonly TableMaterialization IncrementalKind = new IncrementalMaterialization();

    public static Materialization For(ModelConfig config) => config.Materialized switch
    {
        Materialized.View => ViewKind,
        Materialized.Table => TableKind,
        _ => IncrementalKind,
    };

    /// <summary>Builds the model; returns the rows written, or null for a view.</summary>
    public abstract Task<long?> RunAsync(ModelBuild build, CancellationToken cancellationToken);

    /// <summary>
    /// A complete script for the renderer's warehouse: the create-or-replace statement a full build runs or, with
    /// <paramref name="replaceDay"/> on an incremental model, the statements that replace the renderer's day (<c>--ds</c>)
    /// in the existing table, as <c>build --ds</c> does.
    /// </summary>
    public static string Script(ModelNode model, TemplateRenderer renderer, bool replaceDay)
    {
        var dialect = renderer.Dialect;
        var day = replaceDay && model.Config.Materialized == Materialized.Incremental ? renderer.Vars.Day : null;
        var sql = renderer.RenderModel(model, isIncremental: day is not null);
        IEnumerable<string> statements = day is not null
            ? [dialect.CreateIncoming(model, sql),
               dialect.BeginTransaction,
               .. dialect.ReplaceDay(dialect.ModelRelation(model), dialect.IncomingRelation(model), model.Config.IncrementalKey!, day),
               dialect.CommitTransaction,
               dialect.DropTableIfExists(dialect.IncomingRelation(model))]
            : [model.Config.Materialized == Materialized.View
                ? dialect.CreateOrReplaceView(dialect.ModelRelation(model), sql)
                : dialect.CreateOrReplaceTable(dialect.ModelRelation(model), sql, model.Config.IncrementalKey)];
        var kind = model.Config.Materialized.ToString().ToLowerInvariant() + (day is null ? string.Empty : $", day {day}");
        return $"-- {model.Name} ({kind}) from {model.Path}, for {dialect.Name}\n"
            + string.Concat(statements.Prepend(dialect.CreateSchema(model.Config.Schema)).Select(s => $"{s};\n"));
    }

    /// <summary>
    /// Publishes a full build audited in the dialect's swap relation: it replaces the model's relation in one
    /// transaction, so readers see the old rows or the new and no row is copied where the warehouse can rename. Returns
    /// the rows published.
    /// </summary>
    public static async Task<long> SwapInAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        await build.Session.ExecuteInTransactionAsync(build.Renderer.Dialect.SwapIn(build.Model, build.ExistingKind), cancellationToken);
        return await CountAsync(build, cancellationToken);
    }

    /// <summary>The rows of the model's relation.</summary>
    protected static Task<long> CountAsync(ModelBuild build, CancellationToken cancellationToken) =>
        build.Session.CountAsync($"SELECT count(*) FROM {build.Relation}", cancellationToken);

    /// <summary>Statements that drop the relation when it exists as the other kind, since create-or-replace cannot turn a view into a table.</summary>
    protected static IEnumerable<string> DropOtherKind(ModelBuild build, RelationKind wanted) =>
        build.ExistingKind != RelationKind.Missing && build.ExistingKind != wanted
            ? [$"DROP {(build.ExistingKind == RelationKind.View ? "VIEW" : "TABLE")} {build.Relation}"]
            : [];

    protected static string CreateSchema(ModelBuild build) => build.Renderer.Dialect.CreateSchema(build.Model.Config.Schema);
}
