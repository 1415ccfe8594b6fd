using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Store;

namespace Olist.Tests.BigQuery.Contract;

/// <summary>
/// The real app with <c>Olist:Warehouse:Provider=BigQuery</c> on the discovery-checking fake, end to end: its first
/// start over an empty data directory (generate, load, build) and then the nightly DAG's run of a day with orders (the
/// new-data check, staging and dimensions, write-audit-publish of the day's fact, the KPI models and their tests), beside
/// a DuckDB pipeline that loads the very files the first start generated and runs the same day. The runs must end in the
/// same states task by task, and every KPI read back through the app's KPI service must equal DuckDB's. The fake computes
/// nothing: the KPI rows and the new-data counts it answers come from the DuckDB pipeline (<see cref="DuckDbReferenceAnswers"/>),
/// so the figures prove the requests and the mapping of BigQuery's answers, not BigQuery's arithmetic.
/// </summary>
public sealed class BigQueryEndToEndTests(ITestOutputHelper output) : FakeBigQueryTests, IDisposable
{
    private const string Dataset = "olist_ci";
    private readonly TempDirectory _reference = new();

    public void Dispose() => _reference.Dispose();

    [Fact]
    public async Task First_start_and_the_nightly_run_on_BigQuery_end_as_on_DuckDB_and_read_back_the_same_KPIs()
    {
        await using var app = new ReadyServer();
        await app.StartAsync([.. Fake.WarehouseSettings(Dataset).Select(s => $"--{s.Key}={s.Value}"), "--Olist:Schedule:Paused=true"]);
        var firstStartCalls = Fake.Calls.ToList();

        using var reference = TestPipeline.Create(_reference.Path);
        var loads = await reference.GetRequiredService<IRawLoader>().LoadAsync(app.Data.Paths.GeneratedSources, ShrinkGuard.Default, null, CancellationToken.None);
        Assert.True((await reference.GetRequiredService<TransformProject>().BuildAsync(new BuildRequest(), null, CancellationToken.None)).Succeeded);
        Fake.AnswerWithParameters = new DuckDbReferenceAnswers(reference, Dataset).Answer;
        var days = await reference.GetRequiredService<INewDataCheck>().CountByDayAsync(new DateOnly(2016, 1, 1), new DateOnly(2030, 12, 31), CancellationToken.None);
        var day = days.Keys.Max();

        var onBigQuery = await RunNightlyAsync(app.Services, day);
        var onDuckDb = await RunNightlyAsync(reference, day);
        var kpis = await ReadEveryKpiAsync(app.Services);
        var duckDbKpis = await ReadEveryKpiAsync(reference);
        output.WriteLine($"{kpis.Count} KPIs read back, {kpis.Count(k => k.Value != "[]")} with rows; {Fake.Calls.Count} calls; nightly run of {day:yyyy-MM-dd}: {string.Join(", ", onBigQuery.Tasks)}");

        Assert.Equal(OlistCatalog.Tables.Count, Directory.EnumerateFiles(app.Data.Paths.GeneratedSources, "*.csv").Count());
        Assert.Equal(loads.Count(l => l.RowsLoaded > 0), firstStartCalls.Count(c => c.Method == "bigquery.jobs.insert" && c.Body!.Contains("\"CSV\"", StringComparison.Ordinal)));
        Assert.Contains(firstStartCalls, c => c.Method == "bigquery.jobs.query" && c.Body!.Contains($"{Dataset}.kpi_", StringComparison.Ordinal));
        Assert.Equal((RunState.Success, RunState.Success), (onBigQuery.Run.State, onDuckDb.Run.State));
        Assert.Equal(onDuckDb.Tasks, onBigQuery.Tasks);
        Assert.All(onBigQuery.Tasks, t => Assert.Equal(TaskState.Success, t.State));
        Assert.Contains(Fake.Statements, s => s.Contains("fact_sales__audit", StringComparison.Ordinal));
        Assert.Equal(duckDbKpis.Keys, kpis.Keys);
        Assert.All(duckDbKpis, k => Assert.Equal(k.Value, kpis[k.Key]));
        Assert.Contains(duckDbKpis.Values, rows => rows != "[]");
    }

    /// <summary>The nightly DAG's run of <paramref name="day"/> as the scheduler queues it, and its tasks' final states.</summary>
    private static async Task<(DagRunRecord Run, List<(string TaskId, TaskState State)> Tasks)> RunNightlyAsync(IServiceProvider services, DateOnly day)
    {
        var orchestrator = services.GetRequiredService<Orchestrator>();
        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(day, fullRefresh: false, RunType.Scheduled, CancellationToken.None), CancellationToken.None);
        var tasks = await orchestrator.Store.GetTasksAsync(run.RunId, CancellationToken.None);
        return (run, [.. tasks.Select(t => (t.TaskId, t.State))]);
    }

    /// <summary>Every KPI of the catalog for all dates with its default options, as the API writes its rows.</summary>
    private static async Task<SortedDictionary<string, string>> ReadEveryKpiAsync(IServiceProvider services)
    {
        var kpis = services.GetRequiredService<IKpiService>();
        var read = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var kpi in kpis.Catalog.All)
        {
            read[kpi.Name] = JsonSerializer.Serialize(await kpis.ReadAsync(kpis.Catalog.Request(kpi.Name, new DateRange(null, null)), CancellationToken.None));
        }

        return read;
    }
}
