using System.Text;

namespace Olist.Web.Kpis;

/// <summary>Writes KPI rows as JSON (exactly the API's body), CSV or a console table, with the column names of the KPI's YAML.</summary>
internal static class KpiOutput
{
    /// <summary>The JSON options of KPI rows, shared by the <c>kpi</c> verb and the API.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(KpiResult result, string format, TextWriter output)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(result.Rows, JsonOptions));
                break;
            case "csv":
                output.Write(Csv(result));
                break;
            default:
                var table = new Table().AddColumns([.. result.Columns.Select(Markup.Escape)]);
                foreach (var row in Cells(result))
                {
                    table.AddRow([.. row.Select(Markup.Escape)]);
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"[grey]{result.Rows.Count:N0} rows of {Markup.Escape(result.Name)}[/]");
                break;
        }
    }

    /// <summary>The rows as CSV with a header of the metrics.md column names, one line per row.</summary>
    public static string Csv(KpiResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', result.Columns));
        foreach (var row in Cells(result))
        {
            csv.AppendLine(string.Join(',', row.Select(Csv)));
        }

        return csv.ToString();
    }

    /// <summary>Each row's values as text in column order, read back from its JSON so every format shows the same values.</summary>
    private static IEnumerable<IReadOnlyList<string>> Cells(KpiResult result) =>
        result.Rows.Select(row =>
        {
            var element = JsonSerializer.SerializeToElement(row, JsonOptions);
            return (IReadOnlyList<string>)[.. result.Columns.Select(column => Text(element.GetProperty(column)))];
        });

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String => value.GetString() ?? string.Empty,
        _ => value.GetRawText(),
    };

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value.ToString(CultureInfo.InvariantCulture);
}
