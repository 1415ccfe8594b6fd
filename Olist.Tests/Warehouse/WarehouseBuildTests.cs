namespace Olist.Tests.Warehouse;

/// <summary>The warehouse models build on generated data with the real data's flaws, and every test of the project passes.</summary>
[Collection(SharedBuiltWarehouse.Name)]
public sealed class WarehouseBuildTests(BuiltWarehouse warehouse)
{
    [Fact]
    public void Every_model_builds_and_no_test_fails()
    {
        var problems = warehouse.Build.Results
            .Where(r => r.Status is RunStatus.Error or RunStatus.Fail or RunStatus.Skipped)
            .Select(r => $"{r.Name}: {r.Status} {r.Message}")
            .ToList();

        Assert.Empty(problems);
        Assert.True(warehouse.Build.Succeeded);
    }

    [Fact]
    public void The_project_has_at_least_sixty_schema_tests_and_reconciliation_tests()
    {
        var tests = warehouse.Build.Tests.ToList();

        Assert.True(tests.Count(t => !t.UniqueId.StartsWith("test.singular", StringComparison.Ordinal)) >= 60, $"{tests.Count} tests");
        Assert.Contains(tests, t => t.Name.Contains("fact_sales_allocation_matches_payments", StringComparison.Ordinal));
        Assert.Contains(tests, t => t.Name.Contains("fact_sales_revenue_matches_staging", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("staging", "stg_orders")]
    [InlineData("staging", "stg_cleaning_counts")]
    [InlineData("staging", "stg_quarantine")]
    [InlineData("marts", "fact_sales")]
    [InlineData("marts", "dim_customers")]
    [InlineData("kpis", "kpi_retention")]
    public async Task Models_land_in_the_schema_of_their_folder(string schema, string model)
    {
        Assert.Equal(1, await warehouse.CountAsync(
            $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name = '{model}'"));
    }

    [Fact]
    public async Task Fact_orders_holds_every_raw_order_once_and_customers_are_people()
    {
        Assert.Equal(
            await warehouse.CountAsync("SELECT COUNT(DISTINCT order_id) FROM raw.orders"),
            await warehouse.CountAsync("SELECT COUNT(*) FROM marts.fact_orders"));
        Assert.Equal(
            await warehouse.CountAsync("SELECT COUNT(DISTINCT customer_unique_id) FROM raw.customers"),
            await warehouse.CountAsync("SELECT COUNT(*) FROM marts.dim_customers"));
    }

    [Fact]
    public async Task The_same_models_compile_for_BigQuery_without_DuckDB_functions()
    {
        var output = Path.Combine(warehouse.Paths.Root, "compiled-bigquery");
        var compiled = await warehouse.Project.CompileAsync(new CompileRequest(output, TargetWarehouse.BigQuery), CancellationToken.None);

        Assert.Equal(warehouse.Build.Models.Count(), compiled.ModelFiles.Count);
        foreach (var file in compiled.ModelFiles)
        {
            var sql = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("try_strptime", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("generate_series", sql, StringComparison.Ordinal);
            Assert.DoesNotContain(" // ", sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_daily_build_of_fact_sales_passes_its_audit_and_keeps_the_other_days()
    {
        var before = await warehouse.CountAsync("SELECT COUNT(*) FROM marts.fact_sales");
        var busiest = (string)(await warehouse.QueryAsync("SELECT strftime(ds, '%Y-%m-%d') FROM marts.fact_sales GROUP BY ds ORDER BY COUNT(*) DESC, ds LIMIT 1"))[0][0]!;

        var run = await warehouse.Project.BuildAsync(
            new BuildRequest("fact_sales", Ds: DateOnly.ParseExact(busiest, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), null, CancellationToken.None);

        Assert.True(run.Succeeded, string.Join("; ", run.Results.Where(r => r.Status != RunStatus.Pass && r.Status != RunStatus.Success).Select(r => $"{r.Name} {r.Status}")));
        Assert.True(run.Tests.Count() > 10);
        Assert.Equal(before, await warehouse.CountAsync("SELECT COUNT(*) FROM marts.fact_sales"));
    }
}
