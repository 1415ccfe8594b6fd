namespace Olist.Web.Cli;

/// <summary>The <c>dag run</c> verb: runs the daily DAG for one day now, recorded in the run history like any run.</summary>
internal static class DagCommand
{
    public static Command Create(CliHost cli)
    {
        var ds = TypedOptions.Day("--ds", "The day to build (YYYY-MM-DD): its orders' fact_sales partition, then the KPIs.");
        var fullRefresh = new Option<bool>("--full-refresh") { Description = "Rebuild fact_sales from scratch instead of replacing the day." };
        var run = new Command("run", "Run the daily_build DAG for one day: check, staging, dimensions, Write-Audit-Publish of fact_sales, KPIs and tests.")
        {
            ds, fullRefresh,
        };
        run.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("dag run", () => cli.RunAsync(async services =>
        {
            var orchestrator = await OrchestrationCli.OrchestratorAsync(services, "POST /api/runs", cancellationToken);
            var queued = await orchestrator.QueueRunAsync(parseResult.GetValue(ds), parseResult.GetValue(fullRefresh), RunType.Manual, cancellationToken);
            var ended = await orchestrator.RunAsync(queued, cancellationToken);
            return await OrchestrationCli.WriteRunAsync(orchestrator.Store, ended, cli.TimeProvider.GetUtcNow(), cancellationToken);
        })));
        return new Command("dag", "Run the daily_build DAG.") { run };
    }
}
