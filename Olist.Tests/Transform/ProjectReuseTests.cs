namespace Olist.Tests.Transform;

/// <summary>One engine keeps its parsed project while the folder is unchanged, and reads it again after an edit; every build tells the warehouse its models changed.</summary>
public sealed class ProjectReuseTests : IDisposable
{
    private readonly ToyProject _project = new();

    [Fact]
    public async Task A_model_edited_between_two_renders_of_the_same_engine_is_read_again()
    {
        var engine = _project.Engine();
        var before = await engine.RenderQueryAsync("kpi_orders_per_day", null, CancellationToken.None);
        var again = await engine.RenderQueryAsync("kpi_orders_per_day", null, CancellationToken.None);

        _project.Write("models/kpis/kpi_orders_per_day.sql", "SELECT ds, count(DISTINCT customer_id) AS orders FROM {{ ref('fact_orders') }} GROUP BY ds");
        var after = await engine.RenderQueryAsync("kpi_orders_per_day", null, CancellationToken.None);

        Assert.Equal(before, again);
        Assert.DoesNotContain("DISTINCT", before, StringComparison.Ordinal);
        Assert.Contains("count(DISTINCT customer_id)", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_added_to_the_folder_is_found_by_the_same_engine()
    {
        var engine = _project.Engine();
        await Assert.ThrowsAsync<Olist.Pipeline.Errors.PipelineException>(() => engine.RenderQueryAsync("kpi_customers", null, CancellationToken.None));

        _project.Write("models/kpis/kpi_customers.sql", "SELECT count(*) AS customers FROM {{ ref('dim_customers') }}");

        Assert.Contains("marts.dim_customers", await engine.RenderQueryAsync("kpi_customers", null, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_build_moves_the_models_version_of_the_warehouse_even_a_failing_one()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        var start = _project.Warehouse.ModelsVersion;

        await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);
        var afterBuild = _project.Warehouse.ModelsVersion;
        await engine.TestAsync(new TestRequest(), null, CancellationToken.None);
        var afterTest = _project.Warehouse.ModelsVersion;
        _project.Write("models/marts/dim_customers.sql", "SELECT no_such_column FROM {{ ref('stg_customers') }}");
        var failed = await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);

        Assert.Equal((start + 1, start + 1), (afterBuild, afterTest));
        Assert.False(failed.Succeeded);
        Assert.Equal(start + 2, _project.Warehouse.ModelsVersion);
    }

    public void Dispose() => _project.Dispose();
}
