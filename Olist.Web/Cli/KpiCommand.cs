using System.CommandLine;
using Olist.Pipeline.Kpis;
using Olist.Web.Kpis;

namespace Olist.Web.Cli;

/// <summary>The <c>kpi</c> verb: one KPI of metrics.md as a table, JSON (the API's rows) or CSV.</summary>
internal static class KpiCommand
{
    public static Command Create(CliHost cli)
    {
        var name = new Argument<string?>("name")
        {
            Description = $"The KPI: {string.Join(", ", KpiCatalog.Names)}.",
            Arity = ArgumentArity.ZeroOrOne,
        };

        // The KPI options stay text here: the catalog checks them, with the allowed values per KPI, as it does for the API.
        var grain = new Option<string?>("--grain") { Description = "top-products: day, month (default) or year; sales-trends: day, week or month (default)." };
        var level = new Option<string?>("--level") { Description = "order-value and purchase-frequency: state (default) or city." };
        var top = new Option<string?>("--top") { Description = $"top-products: products per period (default {KpiCatalog.DefaultTop})." };
        var from = new Option<string?>("--from") { Description = "First purchase day, YYYY-MM-DD (inclusive)." };
        var to = new Option<string?>("--to") { Description = "Last purchase day, YYYY-MM-DD (inclusive)." };
        var format = TypedOptions.Choice("--format", "Output format", "table", "json", "csv");

        var command = new Command("kpi", "Show a KPI of metrics.md: rows with its column names, as a table, JSON or CSV.")
        {
            name, grain, level, top, from, to, format,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("kpi", () => cli.RunAsync(async services =>
        {
            var request = KpiCatalog.Parse(parseResult.GetValue(name), new Dictionary<string, string?>
            {
                ["grain"] = parseResult.GetValue(grain),
                ["level"] = parseResult.GetValue(level),
                ["top"] = parseResult.GetValue(top),
                ["from"] = parseResult.GetValue(from),
                ["to"] = parseResult.GetValue(to),
            });
            var result = await KpiCatalog.RunAsync(services.GetRequiredService<IKpiService>(), request, cancellationToken);
            KpiOutput.Write(result, parseResult.GetRequiredValue(format), Console.Out);
            return 0;
        })));
        return command;
    }
}
