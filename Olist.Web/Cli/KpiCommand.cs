using Olist.Web.Kpis;

namespace Olist.Web.Cli;

/// <summary>The <c>kpi</c> verb: one KPI of metrics.md as a table, JSON (the API's rows) or CSV.</summary>
internal static class KpiCommand
{
    public static Command Create(CliHost cli)
    {
        var name = new Argument<string?>("name")
        {
            Description = "The KPI, by the name its model's YAML gives it (GET /api/kpis lists them; an unknown name lists them too).",
            Arity = ArgumentArity.ZeroOrOne,
        };

        // The KPI options stay text here: the catalog checks them, with the allowed values per KPI, as it does for the API.
        var grain = new Option<string?>("--grain") { Description = "Period of a KPI that takes one: day, week, month or year, as the KPI allows." };
        var level = new Option<string?>("--level") { Description = "Location level of a KPI that takes one: state (default) or city." };
        var top = new Option<string?>("--top") { Description = $"Rows per period of a KPI that takes top (default {KpiCatalog.DefaultTop})." };
        var from = new Option<string?>("--from") { Description = "First purchase day, YYYY-MM-DD (inclusive)." };
        var to = new Option<string?>("--to") { Description = "Last purchase day, YYYY-MM-DD (inclusive)." };
        var format = TypedOptions.Choice("--format", "Output format", "table", "json", "csv");

        var command = new Command("kpi", "Show a KPI: rows with its column names, as a table, JSON or CSV.")
        {
            name, grain, level, top, from, to, format,
        };
        command.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync("kpi", () => cli.RunAsync(async services =>
        {
            var kpis = services.GetRequiredService<IKpiService>();
            var request = kpis.Catalog.Parse(parseResult.GetValue(name), new Dictionary<string, string?>
            {
                ["grain"] = parseResult.GetValue(grain),
                ["level"] = parseResult.GetValue(level),
                ["top"] = parseResult.GetValue(top),
                ["from"] = parseResult.GetValue(from),
                ["to"] = parseResult.GetValue(to),
            });
            var result = await kpis.ResultAsync(request, cancellationToken);
            KpiOutput.Write(result, parseResult.GetRequiredValue(format), Console.Out);
            return 0;
        })));
        return command;
    }
}
