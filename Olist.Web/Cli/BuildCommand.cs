namespace Olist.Web.Cli;

/// <summary>The <c>build</c> verb: runs the analytics project's models in graph order, each followed by its tests.</summary>
internal static class BuildCommand
{
    public static Command Create(CliHost cli)
    {
        var select = TransformCli.Select();
        var vars = TransformCli.Vars();
        var projectDirectory = TransformCli.ProjectDirectory();
        var fullRefresh = new Option<bool>("--full-refresh") { Description = "Rebuild incremental models from scratch." };
        var ds = TypedOptions.OptionalDay("--ds", "The day incremental models replace; without it they are rebuilt in full.");

        var command = new Command("build", "Build the warehouse models and run their tests; anything downstream of a failure is skipped.")
        {
            select, fullRefresh, ds, vars, projectDirectory,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("build", () => TransformCli.RunAsync(cli, parseResult.GetValue(projectDirectory), async engine =>
        {
            var request = new BuildRequest(
                parseResult.GetValue(select), parseResult.GetValue(fullRefresh), parseResult.GetValue(ds), parseResult.GetValue(vars));
            var summary = await ConsoleProgress.RunAsync("build", progress => engine.BuildAsync(request, progress, cancellationToken));
            return TransformCli.WriteSummary(summary);
        })));
        return command;
    }
}
