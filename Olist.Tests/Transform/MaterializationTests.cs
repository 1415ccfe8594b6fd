namespace Olist.Tests.Transform;

public sealed class MaterializationTests : IDisposable
{
    private readonly ToyProject _project = new();

    [Fact]
    public async Task Build_creates_views_tables_and_the_incremental_fact_then_runs_their_tests()
    {
        await _project.SeedShopAsync();

        var summary = await _project.Engine().BuildAsync(new BuildRequest(), null, CancellationToken.None);

        Assert.True(summary.Succeeded, string.Join("\n", summary.Results.Select(r => $"{r.Name} {r.Status} {r.Message}")));
        Assert.Equal(
            ["stg_customers", "stg_orders", "dim_customers", "fact_orders", "kpi_orders_per_day"],
            summary.Models.Select(m => m.Name));
        Assert.Equal(
            ["staging|stg_customers|VIEW", "staging|stg_orders|VIEW", "marts|dim_customers|BASE TABLE", "marts|fact_orders|BASE TABLE", "kpis|kpi_orders_per_day|BASE TABLE"],
            await _project.RowsAsync("SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_schema <> 'raw' ORDER BY table_schema = 'kpis', table_schema = 'marts', table_name"));
        Assert.Equal(4, summary.Models.Single(m => m.Name == "fact_orders").RowsAffected);
        Assert.Null(summary.Models.Single(m => m.Name == "stg_orders").RowsAffected);
        Assert.All(summary.Tests, t => Assert.Equal(RunStatus.Pass, t.Status));
        Assert.Equal(6, summary.Tests.Count());
    }

    [Fact]
    public async Task Incremental_day_run_replaces_only_that_day_and_running_it_twice_changes_nothing()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);
        await _project.ExecuteAsync("""
            INSERT INTO raw.orders VALUES ('o5', 'c2', 'delivered', '2018-01-03 08:00:00'), ('o6', 'c3', 'delivered', '2018-01-02 12:00:00');
            UPDATE raw.orders SET status = 'delivered' WHERE order_id = 'o3';
            """);
        const string Fact = "SELECT order_id, status, ds FROM marts.fact_orders ORDER BY order_id";

        var day3 = await engine.BuildAsync(new BuildRequest("fact_orders", Ds: new DateOnly(2018, 1, 3)), null, CancellationToken.None);

        Assert.Equal(1, day3.Models.Single().RowsAffected);
        Assert.Equal(
            ["o1|delivered|2018-01-01", "o2|delivered|2018-01-01", "o3|canceled|2018-01-02", "o4|delivered|∅", "o5|delivered|2018-01-03"],
            await _project.RowsAsync(Fact));

        var day2 = await engine.BuildAsync(new BuildRequest("fact_orders", Ds: new DateOnly(2018, 1, 2)), null, CancellationToken.None);
        var afterOnce = await _project.RowsAsync(Fact);
        await engine.BuildAsync(new BuildRequest("fact_orders", Ds: new DateOnly(2018, 1, 2)), null, CancellationToken.None);

        Assert.Equal(2, day2.Models.Single().RowsAffected);
        Assert.Equal(afterOnce, await _project.RowsAsync(Fact));
        Assert.Contains("o3|delivered|2018-01-02", afterOnce);
        Assert.Contains("o6|delivered|2018-01-02", afterOnce);
        Assert.Equal(6, afterOnce.Count);
    }

    [Fact]
    public async Task Full_refresh_and_a_build_without_a_day_rebuild_the_incremental_model_in_full()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);
        await _project.ExecuteAsync("DELETE FROM raw.orders WHERE order_id = 'o1'");

        var dayRun = await engine.BuildAsync(new BuildRequest("fact_orders", Ds: new DateOnly(2018, 1, 2)), null, CancellationToken.None);
        Assert.Equal(4L, (await _project.RowsAsync("SELECT count(*) FROM marts.fact_orders")).Select(long.Parse).Single());

        var full = await engine.BuildAsync(new BuildRequest("fact_orders", FullRefresh: true, Ds: new DateOnly(2018, 1, 2)), null, CancellationToken.None);
        Assert.Equal(3, full.Models.Single().RowsAffected);
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o9', 'c1', 'delivered', '2019-05-05 05:05:05')");

        var plain = await engine.BuildAsync(new BuildRequest("fact_orders"), null, CancellationToken.None);
        Assert.Equal(1, dayRun.Models.Single().RowsAffected);
        Assert.Equal(4, plain.Models.Single().RowsAffected);
        Assert.Equal(["o2", "o3", "o4", "o9"], await _project.RowsAsync("SELECT order_id FROM marts.fact_orders ORDER BY order_id"));
    }

    [Fact]
    public async Task A_model_switching_from_view_to_table_and_back_replaces_the_relation()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        await engine.BuildAsync(new BuildRequest("stg_orders"), null, CancellationToken.None);
        _project.Write("models/staging/_staging.yml", "models:\n  - name: stg_orders\n    config: {materialized: table}\n");

        var asTable = await engine.BuildAsync(new BuildRequest("stg_orders"), null, CancellationToken.None);
        var tableType = await _project.RowsAsync("SELECT table_type FROM information_schema.tables WHERE table_name = 'stg_orders'");
        _project.Delete("models/staging/_staging.yml");
        await engine.BuildAsync(new BuildRequest("stg_orders"), null, CancellationToken.None);

        Assert.Equal(4, asTable.Models.Single().RowsAffected);
        Assert.Equal(["BASE TABLE"], tableType);
        Assert.Equal(["VIEW"], await _project.RowsAsync("SELECT table_type FROM information_schema.tables WHERE table_name = 'stg_orders'"));
    }

    public void Dispose() => _project.Dispose();
}
