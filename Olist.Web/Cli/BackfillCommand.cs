namespace Olist.Web.Cli;

/// <summary>The <c>backfill</c> verb: runs the daily DAG for every day of a range, in order, resuming where an earlier backfill stopped.</summary>
internal static class BackfillCommand
{
    public static Command Create(CliHost cli)
    {
        var from = TypedOptions.Day("--from", "First day of the range (YYYY-MM-DD).");
        var to = TypedOptions.Day("--to", "Last day of the range (YYYY-MM-DD), inclusive.");
        var rerun = new Option<bool>("--rerun") { Description = "Run days that already succeeded again (by default they are skipped)." };
        var command = new Command("backfill", "Run the daily DAG for each day of a range in order; staging, dimensions and KPIs are built once for the range.")
        {
            from, to, rerun,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("backfill", () => cli.RunAsync(async services =>
        {
            var orchestrator = await OrchestrationCli.OrchestratorAsync(services, "POST /api/backfills", cancellationToken);
            var queued = await orchestrator.QueueBackfillAsync(parseResult.GetValue(from), parseResult.GetValue(to), parseResult.GetValue(rerun), cancellationToken);
            var ended = await ConsoleProgress.RunAsync("backfill", progress => orchestrator.RunBackfillAsync(queued, progress, cancellationToken));
            AnsiConsole.MarkupLine($"backfill {ended.BackfillId} {ended.From:yyyy-MM-dd}..{ended.To:yyyy-MM-dd}: "
                + $"{OrchestrationCli.Colored(StateNames.Name(ended.State))}, {ended.DaysDone} of {ended.DaysTotal} days done ({Markup.Escape(ended.Message ?? "")})");
            return ended.State == RunState.Success ? 0 : VerbRunner.Failed;
        })));
        return command;
    }
}
