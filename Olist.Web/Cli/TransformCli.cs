using Olist.Pipeline.Transform.Execution;

namespace Olist.Web.Cli;

/// <summary>What the transform verbs (build, test, compile) share: their options, the engine they run, and the summary they print.</summary>
internal static class TransformCli
{
    public static Option<DirectoryInfo?> ProjectDirectory() => new("--project-dir")
    {
        Description = "Analytics project folder (default: the analytics folder beside the executable).",
    };

    public static Option<string?> Select() => new("--select")
    {
        Description = "Models to run: name, +name, name+, tag:x, path:marts; several separated by spaces.",
    };

    /// <summary>Variables as <c>name=value</c> pairs; the engine checks each value against its variable's kind.</summary>
    public static Option<Dictionary<string, string>> Vars() => new("--vars")
    {
        Description = "Variables as name=value, such as --vars kpi_from=2018-01-01 kpi_to=2018-06-30.",
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => new Dictionary<string, string>(StringComparer.Ordinal),
        CustomParser = result =>
        {
            var vars = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in result.Tokens.Select(t => t.Value))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    result.AddError($"--vars '{pair}' must be name=value.");
                    continue;
                }

                vars[pair[..equals].Trim()] = pair[(equals + 1)..];
            }

            return vars;
        },
    };

    /// <summary>Runs <paramref name="work"/> on the engine of a host of <paramref name="cli"/>, over <paramref name="projectDirectory"/> when given.</summary>
    public static Task<int> RunAsync(CliHost cli, DirectoryInfo? projectDirectory, Func<TransformProject, Task<int>> work) =>
        cli.RunAsync(services => work(services.GetRequiredService<TransformProject>()), ProjectSetting(projectDirectory));

    /// <summary>The <c>--project-dir</c> option as the setting it stands for, to pass to <see cref="CliHost.RunAsync"/>.</summary>
    public static string[] ProjectSetting(DirectoryInfo? projectDirectory) =>
        projectDirectory is null ? [] : [$"--{TransformOptions.SectionName}:{nameof(TransformOptions.ProjectDirectory)}={projectDirectory.FullName}"];

    /// <summary>Prints models (status, rows, seconds) and test counts, then every test that did not pass; returns the exit code.</summary>
    public static int WriteSummary(RunSummary summary)
    {
        if (summary.Models.Any())
        {
            var models = new Table().AddColumns("model", "status", "rows", "seconds");
            foreach (var model in summary.Models)
            {
                models.AddRow(Markup.Escape(model.Name), Colored(model.Status), model.RowsAffected is { } rows ? $"{rows:N0}" : "", $"{model.Elapsed.TotalSeconds:N2}");
            }

            AnsiConsole.Write(models);
        }

        var tests = summary.Tests.ToList();
        var problems = tests.Where(t => t.Status != RunStatus.Pass).ToList();
        if (problems.Count > 0)
        {
            var table = new Table().AddColumns("test", "status", "failures", "message");
            foreach (var test in problems)
            {
                table.AddRow(Markup.Escape(test.Name), Colored(test.Status), test.Failures is { } n ? $"{n:N0}" : "", Markup.Escape(test.Message ?? ""));
            }

            AnsiConsole.Write(table);
        }

        var counts = string.Join(", ", Enum.GetValues<RunStatus>()
            .Select(s => (Status: s, Count: tests.Count(t => t.Status == s)))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Count} {c.Status.ToString().ToLowerInvariant()}"));
        AnsiConsole.MarkupLine($"{summary.Command}: {summary.Models.Count()} models, {tests.Count} tests ({(counts.Length > 0 ? counts : "none")}) in {summary.Elapsed.TotalSeconds:N1} s");
        return summary.Succeeded ? 0 : VerbRunner.Failed;
    }

    private static string Colored(RunStatus status) => status switch
    {
        RunStatus.Success or RunStatus.Pass => $"[green]{status.ToString().ToLowerInvariant()}[/]",
        RunStatus.Warn or RunStatus.Skipped => $"[yellow]{status.ToString().ToLowerInvariant()}[/]",
        _ => $"[red]{status.ToString().ToLowerInvariant()}[/]",
    };
}
