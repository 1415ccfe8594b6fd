using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Project;
using Olist.Pipeline.Transform.Rendering;

namespace Olist.Pipeline.Transform.Materializations;

/// <summary>How a model's query becomes a relation: run against the warehouse, or written as a standalone create-or-replace script.</summary>
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

    /// <summary>A complete script that creates or replaces the model on the renderer's warehouse, as a full build does.</summary>
    public static string Script(ModelNode model, TemplateRenderer renderer)
    {
        var dialect = renderer.Dialect;
        var sql = renderer.RenderModel(model, isIncremental: false);
        var create = model.Config.Materialized == Materialized.View
            ? dialect.CreateOrReplaceView(dialect.ModelRelation(model), sql)
            : dialect.CreateOrReplaceTable(dialect.ModelRelation(model), sql, model.Config.IncrementalKey);
        return $"-- {model.Name} ({model.Config.Materialized.ToString().ToLowerInvariant()}) from {model.Path}, for {dialect.Name}\n"
            + $"{dialect.CreateSchema(model)}\n{create}\n";
    }

    /// <summary>
    /// Publishes a table already built and audited in the model's schema under <paramref name="stagedName"/>: the relation
    /// it replaces is dropped and the staged table renamed to the model, in one transaction, so readers see the old rows or
    /// the new and no row is copied. Returns the rows published.
    /// </summary>
    public static async Task<long> SwapInAsync(ModelBuild build, string stagedName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var dropOld = build.ExistingKind switch
        {
            RelationKind.View => [$"DROP VIEW {build.Relation}"],
            RelationKind.Table => [$"DROP TABLE {build.Relation}"],
            _ => Array.Empty<string>(),
        };
        await build.Session.ExecuteInTransactionAsync(
            [.. dropOld, $"ALTER TABLE {build.Model.Config.Schema}.{stagedName} RENAME TO {build.Model.Name}"], cancellationToken);
        return await build.Session.CountAsync($"SELECT count(*) FROM {build.Relation}", cancellationToken);
    }

    /// <summary>Statements that drop the relation when it exists as the other kind, since create-or-replace cannot turn a view into a table.</summary>
    protected static IEnumerable<string> DropOtherKind(ModelBuild build, RelationKind wanted) =>
        build.ExistingKind != RelationKind.Missing && build.ExistingKind != wanted
            ? [$"DROP {(build.ExistingKind == RelationKind.View ? "VIEW" : "TABLE")} {build.Relation}"]
            : [];

    protected static string CreateSchema(ModelBuild build) => $"CREATE SCHEMA IF NOT EXISTS {build.Model.Config.Schema}";
}
