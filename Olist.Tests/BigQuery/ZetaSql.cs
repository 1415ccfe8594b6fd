using System.Reflection;
using System.Text.Json.Serialization;

namespace Olist.Tests.BigQuery;

/// <summary>
/// ZetaSQL, Google's SQL analyzer whose front end BigQuery shares, run by the Node tool in <c>BigQuery/zetasql</c>
/// (<c>analyze.js</c>; the build restores its npm package). One run starts the analyzer once for every script.
/// </summary>
public static class ZetaSql
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Analyzes (or evaluates) <paramref name="scripts"/> in order against a catalog that starts with <paramref name="tables"/>.</summary>
    public static async Task<ZetaSqlReport> RunAsync(IReadOnlyList<CatalogTable> tables, IReadOnlyList<SqlScript> scripts, CancellationToken cancellationToken)
    {
        var tool = typeof(ZetaSql).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ZetaSqlTool").Value!;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tool,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(tool, "analyze.js"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var input = new
        {
            Tables = tables.Select(t => new { t.Name, Columns = t.Columns.Select(c => new[] { c.Name, c.Type }) }),
            Scripts = scripts,
        };
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(input, Json).AsMemory(), cancellationToken);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0
            ? JsonSerializer.Deserialize<ZetaSqlReport>(await output, Json)!
            : throw new InvalidOperationException($"node {start.ArgumentList[0]} exited with {process.ExitCode}: {await error}");
    }
}

/// <summary>A table of the catalog, as <c>dataset.table</c>, with its columns' BigQuery types.</summary>
public sealed record CatalogTable(string Name, IReadOnlyList<CatalogColumn> Columns);

/// <summary>A column and its BigQuery type name (<c>STRING</c>, <c>INT64</c>, ...).</summary>
public sealed record CatalogColumn(string Name, string Type);

/// <summary>One or more statements; <paramref name="Parameters"/> declares query parameters by name and BigQuery type.</summary>
public sealed record SqlScript(string Name, string Sql, IReadOnlyDictionary<string, string>? Parameters = null, bool Evaluate = false);

/// <summary>What one run found: how many statements it analyzed, and each script's outcome.</summary>
public sealed record ZetaSqlReport(int Statements, IReadOnlyList<ScriptOutcome> Results);

/// <summary>A script's statements analyzed, its first error (with ZetaSQL's caret under the place), and an evaluated query's rows.</summary>
public sealed record ScriptOutcome(string Name, int Statements, string? Error, IReadOnlyList<IReadOnlyList<JsonElement>>? Rows);
