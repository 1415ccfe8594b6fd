namespace Olist.Tests.Transform;

public sealed class DataTestTests : IDisposable
{
    private const string ChecksYaml = """
        version: 2
        models:
          - name: stg_orders
            columns:
              - name: order_id
                tests: [not_null, unique]
              - name: purchased_at
                tests:
                  - not_null: {severity: warn}
              - name: customer_id
                tests:
                  - relationships: {to: ref('stg_customers'), field: customer_id}
              - name: status
                tests:
                  - accepted_values: {values: [delivered, canceled]}
            tests:
              - unique: {columns: [customer_id, status]}
              - expression_is_true: {expression: "order_id LIKE 'o%'"}
        """;

    private readonly ToyProject _project = new();

    public DataTestTests() => _project.Write("models/staging/_staging.yml", ChecksYaml);

    [Fact]
    public async Task Every_test_kind_passes_on_clean_rows()
    {
        await _project.SeedShopAsync();
        await _project.ExecuteAsync("UPDATE raw.orders SET purchased_at = '2018-01-03 00:00:00' WHERE order_id = 'o4'");

        var summary = await _project.Engine().BuildAsync(new BuildRequest("stg_orders stg_customers"), null, CancellationToken.None);

        var names = summary.Tests.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "accepted_values_stg_orders_status",
                "expression_is_true_stg_orders_order_id_like_o",
                "not_null_stg_orders_order_id",
                "not_null_stg_orders_purchased_at",
                "relationships_stg_orders_customer_id__stg_customers_customer_id",
                "unique_stg_orders_customer_id__status",
                "unique_stg_orders_order_id",
            ],
            names);
        Assert.All(summary.Tests, t => Assert.Equal(RunStatus.Pass, t.Status));
        Assert.All(summary.Tests, t => Assert.Equal(0, t.Failures));
    }

    [Fact]
    public async Task Every_test_kind_fails_with_its_count_and_a_sample_of_failing_rows()
    {
        await _project.SeedShopAsync();
        await _project.ExecuteAsync("""
            INSERT INTO raw.orders VALUES
                ('o1', 'c9', 'lost', '2018-01-05 00:00:00'),
                (NULL, 'c1', 'canceled', '2018-01-05 00:00:00'),
                ('x7', 'c2', 'delivered', '2018-01-05 00:00:00');
            """);

        var summary = await _project.Engine().BuildAsync(new BuildRequest("stg_orders stg_customers"), null, CancellationToken.None);
        var tests = summary.Tests.ToDictionary(t => t.Name);

        Assert.Equal((RunStatus.Fail, 1L), (tests["not_null_stg_orders_order_id"].Status, tests["not_null_stg_orders_order_id"].Failures!.Value));
        Assert.Equal("c1", tests["not_null_stg_orders_order_id"].FailingRows.Single()["customer_id"]);
        Assert.Equal("o1", tests["unique_stg_orders_order_id"].FailingRows.Single()["order_id"]);
        Assert.Equal(2L, tests["unique_stg_orders_order_id"].FailingRows.Single()["n_records"]);
        Assert.Equal("c9", tests["relationships_stg_orders_customer_id__stg_customers_customer_id"].FailingRows.Single()["customer_id"]);
        Assert.Equal("lost", tests["accepted_values_stg_orders_status"].FailingRows.Single()["value"]);
        Assert.Equal("x7", tests["expression_is_true_stg_orders_order_id_like_o"].FailingRows.Single()["order_id"]);
        Assert.Equal(
            ["c1|canceled", "c2|delivered"],
            tests["unique_stg_orders_customer_id__status"].FailingRows.Select(r => $"{r["customer_id"]}|{r["status"]}").Order(StringComparer.Ordinal));
        Assert.Equal(RunStatus.Warn, tests["not_null_stg_orders_purchased_at"].Status);
        Assert.Equal("o4", tests["not_null_stg_orders_purchased_at"].FailingRows.Single()["order_id"]);
        Assert.False(summary.Succeeded);
    }

    [Fact]
    public async Task A_failing_sample_keeps_at_most_ten_rows_but_counts_them_all()
    {
        await _project.SeedShopAsync();
        await _project.ExecuteAsync("INSERT INTO raw.orders SELECT 'bad' || i, 'c1', 'lost', NULL FROM range(25) t(i)");
        await _project.Engine().BuildAsync(new BuildRequest("stg_orders stg_customers"), null, CancellationToken.None);

        var summary = await _project.Engine().TestAsync(new TestRequest("accepted_values_stg_orders_status not_null_stg_orders_purchased_at"), null, CancellationToken.None);

        Assert.Empty(summary.Models);
        Assert.Equal((RunStatus.Fail, 1L), (summary.Tests.Single(t => t.Name == "accepted_values_stg_orders_status").Status, summary.Tests.Single(t => t.Name == "accepted_values_stg_orders_status").Failures!.Value));
        var warn = summary.Tests.Single(t => t.Name == "not_null_stg_orders_purchased_at");
        Assert.Equal((RunStatus.Warn, 26L, 10), (warn.Status, warn.Failures!.Value, warn.FailingRows.Count));
    }

    [Fact]
    public async Task A_singular_test_reads_its_refs_and_fails_on_the_rows_it_returns()
    {
        await _project.SeedShopAsync();
        _project.Write("tests/assert_orders_have_customers.sql", """
            -- Orders whose customer is missing.
            SELECT orders.order_id
            FROM {{ ref('stg_orders') }} AS orders
            WHERE orders.customer_id NOT IN (SELECT customer_id FROM {{ ref('dim_customers') }})
            """);
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o8', 'c8', 'delivered', '2018-01-05 00:00:00')");

        var summary = await _project.Engine().BuildAsync(new BuildRequest("+dim_customers stg_orders"), null, CancellationToken.None);

        var singular = summary.Tests.Single(t => t.Name == "assert_orders_have_customers");
        Assert.Equal(RunStatus.Fail, singular.Status);
        Assert.Equal("o8", singular.FailingRows.Single()["order_id"]);
        var order = summary.Results.Select(r => r.Name).ToList();
        Assert.True(order.IndexOf("assert_orders_have_customers") > order.IndexOf("dim_customers"));
    }

    [Fact]
    public async Task An_error_test_skips_everything_downstream_but_a_warning_does_not()
    {
        await _project.SeedShopAsync();
        const string Customers = "- unique: {columns: [customer_id, status]}";
        _project.Write("models/staging/_staging.yml", ChecksYaml.Replace(Customers, "- unique: {columns: [customer_id], severity: warn}", StringComparison.Ordinal));

        var warned = await _project.Engine().BuildAsync(new BuildRequest(), null, CancellationToken.None);

        Assert.Equal(RunStatus.Warn, warned.Tests.Single(t => t.Name == "unique_stg_orders_customer_id").Status);
        Assert.All(warned.Models, m => Assert.Equal(RunStatus.Success, m.Status));
        Assert.True(warned.Succeeded);

        _project.Write("models/staging/_staging.yml", ChecksYaml.Replace(Customers, "- unique: {columns: [customer_id]}", StringComparison.Ordinal));
        var failed = await _project.Engine().BuildAsync(new BuildRequest(), null, CancellationToken.None);

        var status = failed.Results.ToDictionary(r => r.Name, r => r.Status);
        Assert.Equal(RunStatus.Fail, status["unique_stg_orders_customer_id"]);
        Assert.Equal(RunStatus.Success, status["stg_orders"]);
        Assert.Equal(RunStatus.Success, status["dim_customers"]);
        Assert.Equal(RunStatus.Skipped, status["fact_orders"]);
        Assert.Equal(RunStatus.Skipped, status["kpi_orders_per_day"]);
        Assert.Equal(RunStatus.Skipped, status["not_null_fact_orders_order_id"]);
        Assert.Contains("stg_orders", failed.Results.Single(r => r.Name == "fact_orders").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_is_an_error_and_skips_its_descendants_only()
    {
        await _project.SeedShopAsync();
        _project.Write("models/marts/fact_orders.sql", "SELECT order_id, no_such_column FROM {{ ref('stg_orders') }}");

        var summary = await _project.Engine().BuildAsync(new BuildRequest(), null, CancellationToken.None);

        var status = summary.Results.ToDictionary(r => r.Name, r => r.Status);
        Assert.Equal(RunStatus.Error, status["fact_orders"]);
        Assert.Contains("no_such_column", summary.Results.Single(r => r.Name == "fact_orders").Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Skipped, status["kpi_orders_per_day"]);
        Assert.Equal(RunStatus.Skipped, status["unique_fact_orders_order_id"]);
        Assert.Equal(RunStatus.Success, status["dim_customers"]);
        Assert.Equal(RunStatus.Pass, status["unique_dim_customers_customer_id"]);
        Assert.False(summary.Succeeded);
    }

    public void Dispose() => _project.Dispose();
}
