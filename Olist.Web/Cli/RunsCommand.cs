namespace Olist.Web.Cli;

/// <summary>The <c>runs</c> verb: the run history, newest first, as a table or JSON. Reads only the ops store, so it works while a server runs.</summary>
internal static class RunsCommand
{
    public static Command Create(CliHost cli)
    {
        var limit = TypedOptions.WholeNumber("--limit", "How many runs, newest first (default 20).", 20, n => n >= 1, "at least 1");
        var format = TypedOptions.Choice("--format", "Output format", "table", "json");
        var command = new Command("runs", "Show the run history of the daily DAG.") { limit, format };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("runs", () => cli.RunAsync(async services =>
        {
            var store = services.GetRequiredService<OpsStore>();
            var runs = await store.ListRunsAsync(new RunFilter(Limit: parseResult.GetValue(limit)), cancellationToken);
            if (parseResult.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(runs.Select(RunJson.From), RunJson.Options));
                return 0;
            }

            WriteTable(runs, cli.TimeProvider.GetUtcNow());
            return 0;
        })));
        return command;
    }

    private static void WriteTable(IReadOnlyList<DagRunRecord> runs, DateTimeOffset now)
    {
        var table = new Table().AddColumns("run", "dag", "logical date", "type", "state", "started", "seconds");
        foreach (var run in runs)
        {
            table.AddRow(
                run.RunId.ToString(CultureInfo.InvariantCulture), run.DagId, run.LogicalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StateNames.Name(run.RunType),
                OrchestrationCli.Colored(StateNames.Name(run.State)), run.StartedAt?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "",
                run.Duration(now) is { } d ? d.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) : "");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{runs.Count} runs");
    }
}
