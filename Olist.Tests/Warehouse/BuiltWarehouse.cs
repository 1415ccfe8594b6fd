using Olist.Pipeline.Configuration;

namespace Olist.Tests.Warehouse;

/// <summary>
/// One generated dataset (scale 0.05, with the real data's flaws) loaded and built with the project's warehouse
/// models, shared by the warehouse and KPI tests; the data folder is deleted afterwards.
/// </summary>
public sealed class BuiltWarehouse : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("olist-warehouse-test-");
    private readonly ServiceProvider _services;

    public BuiltWarehouse()
    {
        _services = TestPipeline.Create(Path.Combine(_root.FullName, "data"));
        Paths = _services.GetRequiredService<DataPaths>();
        SourceDirectory = Path.Combine(_root.FullName, "generated");
        Warehouse = _services.GetRequiredService<DuckDbWarehouse>();
        Project = _services.GetRequiredService<TransformProject>();
        Kpis = (KpiService)_services.GetRequiredService<IKpiService>();
    }

    public DataPaths Paths { get; }

    public string SourceDirectory { get; }

    public DuckDbWarehouse Warehouse { get; }

    public TransformProject Project { get; }

    public KpiService Kpis { get; }

    /// <summary>The full build's results, models and tests.</summary>
    public RunSummary Build { get; private set; } = new("build", [], TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await _services.GetRequiredService<OlistGenerator>().GenerateAsync(new GenerationOptions(0.05, 11, SourceDirectory, new DateOnly(2018, 10, 17)), null, CancellationToken.None);
        await _services.GetRequiredService<CsvLoader>().LoadAsync(SourceDirectory, null, CancellationToken.None);
        Build = await Project.BuildAsync(new BuildRequest(), null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _root.Delete(recursive: true);
    }

    /// <summary>Runs a query and returns its rows as arrays of values (DBNull as null).</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql) => await Warehouse.QueryAsync(sql);

    /// <summary>The single value of a one-row, one-column query, as a long.</summary>
    public Task<long> CountAsync(string sql) => Warehouse.CountAsync(sql);
}

/// <summary>The collection sharing one built warehouse.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBuiltWarehouse : ICollectionFixture<BuiltWarehouse>
{
    public const string Name = "built warehouse";
}
