namespace Olist.Web.Cli;

/// <summary>The <c>test</c> verb: runs the data tests of the selected models against the warehouse as it is.</summary>
internal static class TestCommand
{
    public static Command Create(CliHost cli)
    {
        var select = TransformCli.Select();
        var vars = TransformCli.Vars();
        var projectDirectory = TransformCli.ProjectDirectory();
        var command = new Command("test", "Run the data tests of the selected models (all by default) without building anything.")
        {
            select, vars, projectDirectory,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("test", () => TransformCli.RunAsync(cli, parseResult.GetValue(projectDirectory), async engine =>
        {
            var request = new TestRequest(parseResult.GetValue(select), parseResult.GetValue(vars));
            var summary = await ConsoleProgress.RunAsync("test", progress => engine.TestAsync(request, progress, cancellationToken));
            return TransformCli.WriteSummary(summary);
        })));
        return command;
    }
}
