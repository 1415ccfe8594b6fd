using Microsoft.Extensions.Logging;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Store;

namespace Olist.Tests.Orchestration;

/// <summary>
/// A data directory of its own for one test: the ops store, and on request a tiny generated dataset loaded into a real
/// warehouse with a copy of the real analytics project (which a test may break), and the daily DAG over them.
/// </summary>
internal sealed class OrchestrationHarness : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly ServiceProvider _services;

    /// <summary>A harness whose engine logs to <paramref name="transformLogger"/>, a hook into a running build.</summary>
    public OrchestrationHarness(ILogger<TransformProject>? transformLogger = null)
    {
        ProjectDirectory = _root.Combine("project");
        AnalyticsProjectCopy.CopyTo(ProjectDirectory);
        _services = TestPipeline.Create(
            _root.Combine("data"),
            new Dictionary<string, string?> { [$"{TransformOptions.SectionName}:{nameof(TransformOptions.ProjectDirectory)}"] = ProjectDirectory },
            services =>
            {
                if (transformLogger is not null)
                {
                    services.AddSingleton(transformLogger);
                }
            });
        Paths = _services.GetRequiredService<DataPaths>();
        Warehouse = _services.GetRequiredService<DuckDbWarehouse>();
        Transform = _services.GetRequiredService<TransformProject>();
        NewData = _services.GetRequiredService<NewDataCheck>();
    }

    /// <summary>Fast retries and a short timeout, so retry and timeout tests take milliseconds.</summary>
    public static RunOptions QuickRetries { get; } = new() { Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10), TaskTimeout = TimeSpan.FromSeconds(60) };

    public DataPaths Paths { get; }

    /// <summary>A copy of the real analytics project, for this test alone.</summary>
    public string ProjectDirectory { get; }

    public DuckDbWarehouse Warehouse { get; }

    public TransformProject Transform { get; }

    public NewDataCheck NewData { get; }

    public RunEvents Events { get; } = new();

    /// <summary>The tiny dataset's nine files, loaded into the warehouse.</summary>
    public async Task LoadTinyDataAsync()
    {
        var sources = _root.Combine("generated");
        await TemporaryDataDirectory.GenerateIntoAsync(sources);
        await _services.GetRequiredService<CsvLoader>().LoadAsync(sources, progress: null, CancellationToken.None);
    }

    public Task<OpsStore> OpenStoreAsync(TimeProvider? timeProvider = null) =>
        OpsStore.OpenAsync(Paths.Ops, timeProvider ?? TimeProvider.System, CancellationToken.None);

    /// <summary>An orchestrator of <paramref name="dag"/> (the real daily DAG by default) over a store of this directory.</summary>
    public async Task<Orchestrator> OrchestratorAsync(DagDefinition? dag = null, RunOptions? options = null, TimeProvider? timeProvider = null) =>
        new(dag ?? DailyBuildDag.Create(Transform, NewData), await OpenStoreAsync(timeProvider), Warehouse, Events, options ?? QuickRetries,
            timeProvider ?? TimeProvider.System, NullLogger<Orchestrator>.Instance);

    /// <summary>Writes a file of the project copy, such as a singular test that fails on purpose.</summary>
    public void WriteProjectFile(string relativePath, string text)
    {
        var path = Path.Combine(ProjectDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void DeleteProjectFile(string relativePath) => File.Delete(Path.Combine(ProjectDirectory, relativePath));

    /// <summary>The days of the tiny dataset with orders, oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DaysWithOrdersAsync() =>
        [.. (await NewData.CountByDayAsync(DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None)).Keys.Order()];

    /// <summary>The rows of a query as text lines, for comparing warehouse contents.</summary>
    public async Task<IReadOnlyList<string>> RowsAsync(string sql)
    {
        await using var connection = await Warehouse.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Warehouse.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        _services.Dispose();
        _root.Dispose();
    }
}
