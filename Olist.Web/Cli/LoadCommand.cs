using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Ingestion;
using Spectre.Console;

namespace Olist.Web.Cli;

/// <summary>The <c>load</c> verb: loads Olist CSV files into the warehouse's raw tables and reports each file.</summary>
internal static class LoadCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Command Create(TimeProvider timeProvider)
    {
        var source = new Option<DirectoryInfo>("--source")
        {
            Description = "Folder holding any of the nine Olist CSV files.",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format of the summary.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("load", "Load Olist CSV files into raw warehouse tables; unreadable records go to quarantine.")
        {
            source, format,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("load", async () =>
        {
            var paths = new DataPaths(CliConfiguration.Load().DataDirectory);
            var loader = new CsvLoader(CliConfiguration.Warehouse(paths), timeProvider, NullLogger<CsvLoader>.Instance);
            var results = await ConsoleProgress.RunAsync(
                "load",
                progress => loader.LoadAsync(parseResult.GetRequiredValue(source).FullName, progress, cancellationToken));
            if (parseResult.GetValue(format) == "json")
            {
                var rows = results.Select(r => new LoadSummaryRow(r.File, r.Table, r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
                Console.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
            }
            else
            {
                WriteTable(results, paths.Warehouse);
            }

            return 0;
        }));
        return command;
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
