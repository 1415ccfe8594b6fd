namespace Olist.Bench;

/// <summary>
/// Where an uncached KPI request's time goes, one query shape at a time, in this process on one client: rendering the
/// model for the range, DuckDB planning and starting it (the query under <c>LIMIT 0</c>), running it, and the whole request through the KPI service; process CPU
/// per query, each repetition on a range no earlier one had.
/// </summary>
public sealed class KpiProbeBenchmark : IBenchmark
{
    private const int DefaultRepetitions = 20;
    private static readonly DateOnly FirstFrom = new(2017, 1, 1);
    private static readonly DateOnly WarmUpFrom = new(2016, 10, 1);
    private static readonly int[] RangeDays = [7, 31, 92, 365];

    public string Name => "kpi-probe";

    public string Description => "kpi-probe DIR [REPETITIONS] [THREADS] [--Olist:...=V]: per KPI option and range length, CPU ms to render, plan (LIMIT 0), run and request an uncached ranged KPI on one client";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length < 1 || !File.Exists(new DataPaths(args[0]).Warehouse))
        {
            return BenchArguments.Usage("kpi-probe DIR [REPETITIONS] [THREADS] [--Olist:...=V]   (DIR: a data directory with a built warehouse.duckdb)");
        }

        var repetitions = BenchArguments.Whole(args, 1, DefaultRepetitions);
        var threads = args.Length > 2 ? args[2] : "1";
        using var scratch = new ScratchDirectory("kpi-probe");
        var paths = new DataPaths(scratch.Path);
        File.Copy(new DataPaths(args[0]).Warehouse, paths.Warehouse);
        var switches = args.Skip(3).Select(a => a.TrimStart('-').Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0], p[1]));
        await using var services = BenchWarehouse.Services(paths.Root, [new("Olist:Warehouse:Threads", threads), .. switches]);
        var kpis = services.GetRequiredService<IKpiService>();
        var renderer = services.GetRequiredService<IModelQueryRenderer>();
        var warehouse = services.GetRequiredService<DuckDbWarehouse>();
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        var catalog = kpis.Catalog;
        var shapes = catalog.All.SelectMany(k => KpiApiBenchmark.Options(k).Select(o => (Kpi: k, Options: o))).ToList();
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}; DuckDB threads {threads}; {repetitions} ranges per cell; CPU ms per query: render / plan (the query with the range written in, under LIMIT 0) / run that query / request through the KPI service");
        Console.WriteLine($"{"KPI options",-40} {string.Join(' ', RangeDays.Select(d => $"{d + " days",25}"))}");
        // Every shape once on ranges the probe never measures, so the code is compiled before anything is timed.
        foreach (var (kpi, options) in shapes)
        {
            await kpis.ReadAsync(catalog.Parse(kpi.Name, Parse(options, WarmUpFrom, WarmUpFrom.AddDays(30))), cancellationToken);
        }

        var round = 0;
        var totals = new double[4];
        foreach (var (kpi, options) in shapes)
        {
            var cells = new List<string>();
            foreach (var days in RangeDays)
            {
                var requests = Enumerable.Range(0, repetitions).Select(r =>
                {
                    var from = FirstFrom.AddDays((round * repetitions) + r);
                    return catalog.Parse(kpi.Name, Parse(options, from, from.AddDays(days - 1)));
                }).ToList();
                round++;
                var render = await CpuAsync(requests, r => renderer.RenderQueryAsync(kpi.Model, KpiService.RangeVars(r.Range), cancellationToken));
                var plan = await CpuAsync(requests, r => ReadLiteralAsync(connection, renderer, r, sql => $"SELECT * FROM ({sql}) AS planned LIMIT 0", cancellationToken));
                var literal = await CpuAsync(requests, r => ReadLiteralAsync(connection, renderer, r, sql => sql, cancellationToken));
                var run = await CpuAsync(requests, r => kpis.ReadAsync(r, cancellationToken));
                totals[0] += render;
                totals[1] += plan;
                totals[2] += literal;
                totals[3] += run;
                cells.Add($"{render,5:F2} {plan,5:F2} {literal,6:F2} {run,6:F2}");
            }

            Console.WriteLine($"{kpi.Name + " " + options,-40} {string.Join(' ', cells)}");
        }

        var cellsCount = shapes.Count * RangeDays.Length;
        Console.WriteLine($"mean over the cells (the uncached benchmark's mix weights them alike): render {totals[0] / cellsCount:F2} plan {totals[1] / cellsCount:F2} literal {totals[2] / cellsCount:F2} request {totals[3] / cellsCount:F2} ms; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>The query of <paramref name="request"/> with its range written into the model's SQL, as <paramref name="wrap"/> makes it, read to the end.</summary>
    private static async Task<int> ReadLiteralAsync(
        DuckDBConnection connection, IModelQueryRenderer renderer, KpiRequest request, Func<string, string> wrap, CancellationToken cancellationToken)
    {
        var sql = request.Kpi.RangeRelation(await renderer.RenderQueryAsync(request.Kpi.Model, KpiService.RangeVars(request.Range), cancellationToken));
        await using var command = connection.CreateCommand();
        command.CommandText = wrap(request.Kpi.Sql(sql, "$"));
        foreach (var parameter in request.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter.Name, parameter.Value));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }

            rows++;
        }

        return rows;
    }

    private static Dictionary<string, string?> Parse(string options, DateOnly from, DateOnly to)
    {
        var parsed = options.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=')).ToDictionary(p => p[0], p => (string?)p[1]);
        parsed["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        parsed["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return parsed;
    }

    /// <summary>Process CPU milliseconds per call of <paramref name="call"/> over <paramref name="requests"/>.</summary>
    private static async Task<double> CpuAsync<T>(List<KpiRequest> requests, Func<KpiRequest, Task<T>> call)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        foreach (var request in requests)
        {
            await call(request);
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / requests.Count;
    }
}
