using Olist.Pipeline.Gcp.BigQuery;
using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Web.Cli;

/// <summary>
/// The <c>bigquery setup</c> and <c>bigquery check</c> verbs, for users with a Google Cloud project: create the datasets,
/// and dry-run every model and test (bytes per model, BigQuery's message for any it refuses), from <c>Olist:Warehouse:BigQuery</c>.
/// </summary>
internal static class BigQueryCommand
{
    public static Command Create(CliHost cli)
    {
        var setupProject = TransformCli.ProjectDirectory();
        var setup = new Command("setup", "Create the datasets the warehouse's relations live in (Olist:Warehouse:BigQuery: ProjectId, Dataset, Location); existing ones are kept.")
        {
            setupProject,
        };
        setup.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("bigquery setup", () => cli.RunAsync(async services =>
        {
            var (client, plan) = await OpenAsync(services, null, cancellationToken);
            foreach (var line in await BigQueryWarehouseCheck.SetupAsync(client, plan, cancellationToken))
            {
                Console.WriteLine(line);
            }

            return 0;
        }, TransformCli.ProjectSetting(parseResult.GetValue(setupProject)))));

        var checkProject = TransformCli.ProjectDirectory();
        var vars = TransformCli.Vars();
        var check = new Command("check", "Dry-run every model's query and every test on BigQuery, in build order: bytes each would process, nothing run or billed. A query reading a table not built or loaded yet is listed as needing it.")
        {
            vars, checkProject,
        };
        check.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("bigquery check", () => cli.RunAsync(async services =>
        {
            var (client, plan) = await OpenAsync(services, parseResult.GetValue(vars), cancellationToken);
            return Write(await BigQueryWarehouseCheck.CheckAsync(client, plan, cancellationToken));
        }, TransformCli.ProjectSetting(parseResult.GetValue(checkProject)))));

        return new Command("bigquery", "Google BigQuery: create the datasets, dry-run the warehouse's SQL on a project.") { setup, check };
    }

    private static async Task<(BigQueryClient Client, IReadOnlyList<PlannedQuery> Plan)> OpenAsync(
        IServiceProvider services, IReadOnlyDictionary<string, string>? vars, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<BigQueryOptions>>().Value;
        var client = await BigQueryClient.CreateAsync(options, services.GetRequiredService<TimeProvider>(), null, null, cancellationToken);
        Console.WriteLine($"BigQuery project {client.ProjectId} in {options.Location} at {client.Endpoint.BaseAddress}{(client.Endpoint.IsEmulator ? " (emulator)" : string.Empty)}");
        var plan = services.GetRequiredService<TransformProject>().PlanQueries(TargetWarehouse.BigQuery, options.Dataset, vars);
        return (client, plan);
    }

    private static int Write(IReadOnlyList<CheckLine> lines)
    {
        var table = new Table().AddColumns("model or test", "kind", "outcome", "bytes", "detail");
        foreach (var line in lines)
        {
            table.AddRow(
                Markup.Escape(line.Name),
                line.Kind.ToString().ToLowerInvariant(),
                line.Outcome switch
                {
                    CheckOutcome.Valid => "[green]valid[/]",
                    CheckOutcome.NeedsUpstream => "[yellow]needs upstream[/]",
                    _ => "[red]failed[/]",
                },
                line.Bytes is { } bytes ? $"{bytes:N0}" : string.Empty,
                Markup.Escape(line.Detail ?? string.Empty));
        }

        AnsiConsole.Write(table);
        var failed = lines.Where(l => l.Outcome == CheckOutcome.Failed).ToList();
        foreach (var line in failed)
        {
            Console.Error.WriteLine($"bigquery check: {line.Kind.ToString().ToLowerInvariant()} {line.Name} failed: {line.Detail}");
        }

        var valid = lines.Where(l => l.Outcome == CheckOutcome.Valid).ToList();
        var models = valid.Where(l => l.Kind == NodeKind.Model).Sum(l => l.Bytes ?? 0);
        Console.WriteLine(
            $"bigquery check: {valid.Count} valid, {lines.Count(l => l.Outcome == CheckOutcome.NeedsUpstream)} need upstream, {failed.Count} failed; " +
            $"models would process {models:N0} bytes, tests {valid.Sum(l => l.Bytes ?? 0) - models:N0} bytes");
        return failed.Count == 0 ? 0 : VerbRunner.Failed;
    }
}
