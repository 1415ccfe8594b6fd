using Olist.Pipeline.Configuration;

namespace Olist.Tests.Warehouse;

/// <summary>
/// One generated dataset (scale 0.05, with the real data's flaws) loaded and built with the project's warehouse
/// models, shared by the warehouse and KPI tests; the data folder is deleted afterwards.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class BuiltWarehouse : IAsyncLifetime
{
    private readonly GeneratedPipeline _pipeline = new("olist-warehouse-test-");

    public DataPaths Paths => _pipeline.Paths;

    public string SourceDirectory => _pipeline.SourceDirectory;

    public DuckDbWarehouse Warehouse => _pipeline.Warehouse;

    public TransformProject Project => _pipeline.Project;

    public KpiService Kpis => _pipeline.Kpis;

    /// <summary>The full build's results, models and tests.</summary>
    public RunSummary Build { get; private set; } = new("build", [], TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await _pipeline.GenerateAndLoadAsync(0.05, 11);
        Build = await Project.BuildAsync(new BuildRequest(), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

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
