namespace Olist.Pipeline.Transform.Materializations;

/// <summary>
/// A table replaced one day at a time: with <c>--ds D</c> the new rows are staged, then in one transaction day D (and any
/// other day the new rows hold) is deleted and the new rows inserted. Otherwise it is built in full like a table.
/// </summary>
internal sealed class IncrementalMaterialization : TableMaterialization
{
    public override async Task<long?> RunAsync(ModelBuild build, CancellationToken cancellationToken)
    {
        if (!build.IsIncremental)
        {
            return await base.RunAsync(build, cancellationToken);
        }

        var dialect = build.Renderer.Dialect;
        var staged = dialect.IncomingRelation(build.Model);
        await build.Session.ExecuteAsync(dialect.CreateIncoming(build.Model, build.RenderSql()), cancellationToken);
        try
        {
            return await ReplaceDayAsync(build, staged, cancellationToken);
        }
        finally
        {
            await build.Session.ExecuteAsync(dialect.DropTableIfExists(staged), CancellationToken.None);
        }
    }

    /// <summary>Replaces the run's day (and any other day <paramref name="staged"/> holds) with the rows of <paramref name="staged"/>, in one transaction.</summary>
    public static async Task<long> ReplaceDayAsync(ModelBuild build, string staged, CancellationToken cancellationToken)
    {
        var statements = build.Renderer.Dialect.ReplaceDay(build.Relation, staged, build.Model.Config.IncrementalKey!, build.Renderer.Vars.Day!);
        var changed = await build.Session.ExecuteInTransactionAsync(statements, cancellationToken);
        return changed[^1];
    }
}
