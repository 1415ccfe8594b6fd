namespace Olist.Tests.Transform;

public sealed class WriteAuditPublishTests : IDisposable
{
    private const string FactYaml = """
        version: 2
        models:
          - name: fact_orders
            config:
              materialized: incremental
              incremental_key: ds
              write_audit_publish: true
            columns:
              - name: order_id
                tests: [unique]
              - name: status
                tests:
                  - accepted_values: {values: [delivered, canceled]}
                  - accepted_values: {values: [delivered], severity: warn}
        """;

    private const string FullContents = "SELECT * FROM marts.fact_orders ORDER BY ALL";

    private readonly ToyProject _project = new();

    public WriteAuditPublishTests() => _project.Write("models/marts/_marts.yml", FactYaml);

    [Fact]
    public async Task A_failing_audit_of_a_day_leaves_the_published_table_exactly_as_it_was_and_skips_downstream()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);
        var before = await _project.RowsAsync(FullContents);
        await _project.ExecuteAsync("""
            INSERT INTO raw.orders VALUES ('o7', 'c1', 'lost', '2018-01-02 18:00:00'), ('o8', 'c2', 'delivered', '2018-01-02 19:00:00');
            """);

        var summary = await engine.BuildAsync(new BuildRequest("fact_orders+", Ds: new DateOnly(2018, 1, 2)), null, CancellationToken.None);

        var fact = summary.Models.Single(m => m.Name == "fact_orders");
        Assert.Equal(RunStatus.Error, fact.Status);
        Assert.Contains("accepted_values_fact_orders_status", fact.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Fail, summary.Tests.Single(t => t.Name == "accepted_values_fact_orders_status").Status);
        Assert.Equal("lost", summary.Tests.Single(t => t.Name == "accepted_values_fact_orders_status").FailingRows.Single()["value"]);
        Assert.Equal(RunStatus.Skipped, summary.Models.Single(m => m.Name == "kpi_orders_per_day").Status);
        Assert.Equal(before, await _project.RowsAsync(FullContents));
        Assert.Equal(["o3", "o7", "o8"], await _project.RowsAsync("SELECT order_id FROM audit.fact_orders ORDER BY order_id"));
    }

    [Fact]
    public async Task A_passing_audit_publishes_the_day_and_drops_the_audit_relation()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        var first = await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o8', 'c2', 'delivered', '2018-01-02 19:00:00')");

        var summary = await engine.BuildAsync(new BuildRequest("fact_orders", Ds: new DateOnly(2018, 1, 2)), null, CancellationToken.None);

        Assert.Equal(RunStatus.Success, first.Models.Single(m => m.Name == "fact_orders").Status);
        var fact = summary.Models.Single();
        Assert.Equal((RunStatus.Success, 2L), (fact.Status, fact.RowsAffected!.Value));
        Assert.Equal(RunStatus.Warn, summary.Tests.Single(t => t.Name == "accepted_values_fact_orders_status_2").Status);
        Assert.True(summary.Succeeded);
        Assert.Equal(["o1", "o2", "o3", "o4", "o8"], await _project.RowsAsync("SELECT order_id FROM marts.fact_orders ORDER BY order_id"));
        Assert.Empty(await _project.RowsAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'audit'"));
    }

    [Fact]
    public async Task A_failing_audit_of_a_full_build_keeps_the_previous_table()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);
        var before = await _project.RowsAsync(FullContents);
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o1', 'c1', 'delivered', '2018-03-01 10:00:00')");

        var summary = await engine.BuildAsync(new BuildRequest("fact_orders", FullRefresh: true), null, CancellationToken.None);

        Assert.Equal(RunStatus.Error, summary.Models.Single().Status);
        Assert.Equal(RunStatus.Fail, summary.Tests.Single(t => t.Name == "unique_fact_orders_order_id").Status);
        Assert.Equal(before, await _project.RowsAsync(FullContents));
        Assert.Equal(["o1", "o1"], await _project.RowsAsync("SELECT order_id FROM audit.fact_orders WHERE order_id = 'o1'"));
        Assert.Equal(["fact_orders"], await _project.RowsAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' AND table_name LIKE 'fact_orders%'"));
    }

    [Fact]
    public async Task A_passing_audit_of_a_full_build_swaps_the_audited_table_in_and_leaves_no_audit_relation()
    {
        await _project.SeedShopAsync();
        var engine = _project.Engine();
        await engine.BuildAsync(new BuildRequest(), null, CancellationToken.None);
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o8', 'c2', 'delivered', '2018-01-02 19:00:00')");

        var summary = await engine.BuildAsync(new BuildRequest("fact_orders", FullRefresh: true), null, CancellationToken.None);

        Assert.Equal((RunStatus.Success, 5L), (summary.Models.Single().Status, summary.Models.Single().RowsAffected!.Value));
        Assert.Equal(["o1", "o2", "o3", "o4", "o8"], await _project.RowsAsync("SELECT order_id FROM marts.fact_orders ORDER BY order_id"));
        Assert.Equal(["fact_orders"], await _project.RowsAsync("SELECT table_name FROM information_schema.tables WHERE table_schema IN ('marts', 'audit') AND table_name LIKE 'fact_orders%'"));
    }

    public void Dispose() => _project.Dispose();
}
