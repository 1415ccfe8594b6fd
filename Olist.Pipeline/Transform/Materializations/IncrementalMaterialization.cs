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

        var staged = $"temp.main.\"__incoming_{build.Model.Name}\"";
        await build.Session.ExecuteAsync($"CREATE OR REPLACE TEMP TABLE \"__incoming_{build.Model.Name}\" AS\n{build.RenderSql()}\n", cancellationToken);
        try
        {
            return await ReplaceDayAsync(build, staged, cancellationToken);
        }
        finally
        {
            await build.Session.ExecuteAsync($"DROP TABLE IF EXISTS {staged}", CancellationToken.None);
        }
    }

    /// <summary>Replaces the run's day (and any other day <paramref name="staged"/> holds) with the rows of <paramref name="staged"/>, in one transaction.</summary>
    public static async Task<long> ReplaceDayAsync(ModelBuild build, string staged, CancellationToken cancellationToken)
    {
        var key = build.Model.Config.IncrementalKey!;
        var day = build.Renderer.Dialect.StringLiteral(build.Renderer.Vars.Day!);
        var changed = await build.Session.ExecuteInTransactionAsync(
            [
                $"DELETE FROM {build.Relation} WHERE {key} = {day} OR {key} IN (SELECT DISTINCT {key} FROM {staged})",
                $"INSERT INTO {build.Relation} BY NAME SELECT * FROM {staged}",
            ],
            cancellationToken);
        return changed[1];
    }
}
