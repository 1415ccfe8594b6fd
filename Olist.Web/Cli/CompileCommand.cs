using Olist.Pipeline.Gcp.BigQuery;
using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Web.Cli;

/// <summary>The <c>compile</c> verb: writes the project as plain SQL files for DuckDB or BigQuery, runnable without the engine.</summary>
internal static class CompileCommand
{
    public static Command Create(CliHost cli)
    {
        var select = TransformCli.Select();
        var vars = TransformCli.Vars();
        var projectDirectory = TransformCli.ProjectDirectory();
        var target = TypedOptions.Choice("--target", "Warehouse to write SQL for", "duckdb", "bigquery");
        var ds = TypedOptions.OptionalDay("--ds", "Write incremental models as the replacement of this day in their existing table, as build --ds runs it.");
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for models/NNN_<model>.sql (in build order) and tests/<test>.sql.",
            Required = true,
        };

        var command = new Command("compile", "Write each model as a create-or-replace script in build order, and each test as a query.")
        {
            select, target, ds, output, vars, projectDirectory,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("compile", () => cli.RunAsync(async services =>
        {
            var warehouse = parseResult.GetValue(target) == "bigquery" ? TargetWarehouse.BigQuery : TargetWarehouse.DuckDb;
            var request = new CompileRequest(
                parseResult.GetRequiredValue(output).FullName,
                warehouse,
                parseResult.GetValue(select),
                parseResult.GetValue(vars),
                parseResult.GetValue(ds),
                services.GetRequiredService<IOptions<BigQueryOptions>>().Value.Dataset);
            var summary = await services.GetRequiredService<TransformProject>().CompileAsync(request, cancellationToken);
            Console.WriteLine($"compiled {summary.ModelFiles.Count} models and {summary.TestFiles.Count} tests for {parseResult.GetValue(target)} into {request.OutputDirectory}");
            return 0;
        }, TransformCli.ProjectSetting(parseResult.GetValue(projectDirectory)))));
        return command;
    }
}
