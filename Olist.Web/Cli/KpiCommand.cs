using System.CommandLine;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Kpis;
using Olist.Web.Kpis;

namespace Olist.Web.Cli;

/// <summary>The <c>kpi</c> verb: one KPI of metrics.md as a table, JSON (the API's rows) or CSV.</summary>
internal static class KpiCommand
{
    /// <summary>Exit code of a request naming an unknown KPI, option or option value.</summary>
    public const int UsageError = 2;

    private static readonly string[] Formats = ["table", "json", "csv"];

    public static Command Create(TimeProvider timeProvider)
    {
        var name = new Argument<string?>("name")
        {
            Description = $"The KPI: {string.Join(", ", KpiCatalog.Names)}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var grain = new Option<string?>("--grain") { Description = "top-products: day, month (default) or year; sales-trends: day, week or month (default)." };
        var level = new Option<string?>("--level") { Description = "order-value and purchase-frequency: state (default) or city." };
        var top = new Option<string?>("--top") { Description = $"top-products: products per period (default {KpiCatalog.DefaultTop})." };
        var from = new Option<string?>("--from") { Description = "First purchase day, YYYY-MM-DD (inclusive)." };
        var to = new Option<string?>("--to") { Description = "Last purchase day, YYYY-MM-DD (inclusive)." };
        var format = new Option<string>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => "table" };

        var command = new Command("kpi", "Show a KPI of metrics.md: rows with its column names, as a table, JSON or CSV.")
        {
            name, grain, level, top, from, to, format,
        };

        // Unknown options and bad values get one line with the allowed values and exit code 2, not the parser's help.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("kpi", async () =>
        {
            try
            {
                if (parseResult.UnmatchedTokens is [var unknown, ..])
                {
                    throw new KpiRequestException(unknown, $"unknown option '{unknown}'", ["--grain", "--level", "--top", "--from", "--to", "--format"]);
                }

                var output = parseResult.GetValue(format) ?? "table";
                if (!Formats.Contains(output, StringComparer.Ordinal))
                {
                    throw new KpiRequestException("format", $"unknown format '{output}'", Formats);
                }

                var request = KpiCatalog.Parse(parseResult.GetValue(name), new Dictionary<string, string?>
                {
                    ["grain"] = parseResult.GetValue(grain),
                    ["level"] = parseResult.GetValue(level),
                    ["top"] = parseResult.GetValue(top),
                    ["from"] = parseResult.GetValue(from),
                    ["to"] = parseResult.GetValue(to),
                });
                var service = KpiServiceFactory.Create(new DataPaths(CliConfiguration.Load().DataDirectory), timeProvider);
                var result = await KpiCatalog.RunAsync(service, request, cancellationToken);
                KpiOutput.Write(result, output, Console.Out);
                return 0;
            }
            catch (KpiRequestException ex)
            {
                await Console.Error.WriteLineAsync($"kpi: error: {ex.Message}");
                return UsageError;
            }
        }));
        return command;
    }
}
