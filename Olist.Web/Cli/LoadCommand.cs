using Olist.Pipeline.Configuration;
using Olist.Pipeline.Gcp.BigQuery;
using Olist.Pipeline.Gcp.Storage;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Progress;

namespace Olist.Web.Cli;

/// <summary>The <c>load</c> verb: loads Olist CSV files into the warehouse's raw tables and reports each file.</summary>
internal static class LoadCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Command Create(CliHost cli)
    {
        var source = new Option<string>("--source")
        {
            Description = "Folder holding any of the nine Olist CSV files, or gs://bucket/prefix (the files are read through the same strict reader).",
            Required = true,
        };
        var format = TypedOptions.Choice("--format", "Output format of the summary", "table", "json");
        var allowShrink = new Option<bool>("--allow-shrink")
        {
            Description = "Replace a table even by a file with far fewer rows, or none (by default such a file is refused and the table kept).",
        };

        var command = new Command("load", "Load Olist CSV files into raw warehouse tables; unreadable records go to quarantine.")
        {
            source, format, allowShrink,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("load", () => cli.RunAsync(async services =>
        {
            var guard = ShrinkGuard.From(services.GetRequiredService<IOptions<OlistOptions>>().Value.Load, parseResult.GetValue(allowShrink));
            var results = await ConsoleProgress.RunAsync(
                "load",
                progress => LoadAsync(services, parseResult.GetRequiredValue(source), guard, progress, cancellationToken));
            if (parseResult.GetValue(format) == "json")
            {
                var rows = results.Select(r => new LoadSummaryRow(r.File, r.Table, r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
                Console.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
            }
            else
            {
                WriteTable(results, services.GetRequiredService<IWarehouse>().Location);
            }

            return 0;
        })));
        return command;
    }

    /// <summary>
    /// Loads a folder, or the Olist files under a <c>gs://</c> prefix copied to a temporary folder first: the strict reader
    /// must see every byte (to quarantine what it cannot read) before any row reaches the warehouse.
    /// </summary>
    private static async Task<IReadOnlyList<FileLoadResult>> LoadAsync(
        IServiceProvider services, string source, ShrinkGuard guard, IProgress<WorkProgress> progress, CancellationToken cancellationToken)
    {
        var loader = services.GetRequiredService<IRawLoader>();
        if (!source.StartsWith("gs://", StringComparison.Ordinal))
        {
            return await loader.LoadAsync(Path.GetFullPath(source), guard, progress, cancellationToken);
        }

        var folder = Directory.CreateTempSubdirectory("olist-gs-source-").FullName;
        try
        {
            var storage = await CloudStorageFiles.CreateAsync(
                services.GetRequiredService<IOptions<BigQueryOptions>>().Value.EmulatorDetection, baseUri: null, credential: null, cancellationToken);
            await storage.CopyOlistFilesAsync(source, folder, cancellationToken);
            return await loader.LoadAsync(folder, guard, progress, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void WriteTable(IReadOnlyList<FileLoadResult> results, string warehouse)
    {
        var table = new Table().AddColumns("file", "table", "read", "loaded", "quarantined", "seconds");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.File),
                Markup.Escape(r.Table),
                $"{r.RowsRead:N0}",
                $"{r.RowsLoaded:N0}",
                r.RowsQuarantined > 0 ? $"[yellow]{r.RowsQuarantined:N0}[/]" : "0",
                $"{r.Elapsed.TotalSeconds:N2}");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"loaded into [bold]{Markup.Escape(warehouse)}[/]");
    }

    /// <summary>One object of <c>load --format json</c>, with the field names of architecture.md.</summary>
    private sealed record LoadSummaryRow(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("table")] string Table,
        [property: JsonPropertyName("rows_read")] long RowsRead,
        [property: JsonPropertyName("rows_loaded")] long RowsLoaded,
        [property: JsonPropertyName("rows_quarantined")] long RowsQuarantined);
}
