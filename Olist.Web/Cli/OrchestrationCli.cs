using Olist.Pipeline.Orchestration;

namespace Olist.Web.Cli;

/// <summary>What the orchestration verbs (dag run, backfill, runs) share: the orchestrator over the data directory, run tables.</summary>
internal static class OrchestrationCli
{
    /// <summary>
    /// The orchestrator of the daily DAG for a verb that runs it. The warehouse is opened first, so a server holding it is
    /// reported before any run is recorded; then runs that a crashed process left running are marked failed.
    /// </summary>
    public static async Task<Orchestrator> OrchestratorAsync(IServiceProvider services, string apiCall, CancellationToken cancellationToken)
    {
        var warehouse = services.GetRequiredService<DuckDbWarehouse>();
        try
        {
            await (await warehouse.OpenAsync(cancellationToken)).DisposeAsync();
        }
        catch (PipelineException ex) when (ex.InnerException is not null)
        {
            throw new PipelineException($"the warehouse {warehouse.DatabasePath} is held by another process (is 'serve' running?): use {apiCall} on the running app instead.", ex);
        }

        var orchestrator = services.GetRequiredService<Orchestrator>();
        await orchestrator.RecoverInterruptedAsync(cancellationToken);
        return orchestrator;
    }

    /// <summary>Prints a run's tasks (state, tries, seconds, message); returns the verb's exit code: 0 unless the run failed.</summary>
    public static async Task<int> WriteRunAsync(OpsStore store, DagRunRecord run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("task", "state", "tries", "seconds", "message");
        foreach (var task in await store.GetTasksAsync(run.RunId, cancellationToken))
        {
            table.AddRow(task.TaskId, Colored(StateNames.Name(task.State)), task.TryNumber.ToString(CultureInfo.InvariantCulture),
                task.Duration(now) is { } d ? d.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) : "", Markup.Escape(task.Message ?? ""));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"run {run.RunId} of {run.DagId} for {run.LogicalDate:yyyy-MM-dd}: {Colored(StateNames.Name(run.State))}");
        return run.State == RunState.Failed ? VerbRunner.Failed : 0;
    }

    public static string Colored(string state) => state switch
    {
        "success" => $"[green]{state}[/]",
        "failed" or "upstream_failed" => $"[red]{state}[/]",
        "skipped" or "up_for_retry" => $"[yellow]{state}[/]",
        _ => state,
    };
}
