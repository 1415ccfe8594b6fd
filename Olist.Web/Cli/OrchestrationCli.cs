using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Errors;
using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Dags;
using Olist.Pipeline.Orchestration.Runs;
using Olist.Pipeline.Orchestration.Store;
using Olist.Pipeline.Transform;
using Spectre.Console;

namespace Olist.Web.Cli;

/// <summary>What the orchestration verbs (dag run, backfill, runs) share: date options, the orchestrator over the data directory, run tables.</summary>
internal static class OrchestrationCli
{
    public static Task<OpsStore> StoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        OpsStore.OpenAsync(new DataPaths(CliConfiguration.Load().DataDirectory).Ops, timeProvider, cancellationToken);

    /// <summary>
    /// The orchestrator of the daily DAG for a verb that runs it. The warehouse is opened first, so a server holding it is
    /// reported before any run is recorded; then runs that a crashed process left running are marked failed.
    /// </summary>
    public static async Task<Orchestrator> OrchestratorAsync(TimeProvider timeProvider, string apiCall, CancellationToken cancellationToken)
    {
        var paths = new DataPaths(CliConfiguration.Load().DataDirectory);
        var warehouse = CliConfiguration.Warehouse(paths);
        try
        {
            await (await warehouse.OpenAsync(cancellationToken)).DisposeAsync();
        }
        catch (PipelineException ex) when (ex.InnerException is not null)
        {
            throw new PipelineException($"the warehouse {paths.Warehouse} is held by another process (is 'serve' running?): use {apiCall} on the running app instead.", ex);
        }

        var transform = new TransformProject(TransformOptions.For(paths), warehouse, timeProvider, NullLogger<TransformProject>.Instance);
        var store = await OpsStore.OpenAsync(paths.Ops, timeProvider, cancellationToken);
        var orchestrator = new Orchestrator(
            DailyBuildDag.Create(transform, new NewDataCheck(warehouse)), store, warehouse, new RunEvents(), Options(), timeProvider, NullLogger<Orchestrator>.Instance);
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

    private static RunOptions Options()
    {
        var options = new RunOptions();
        CliConfiguration.Bind(RunOptions.SectionName, options);
        return options;
    }
}
