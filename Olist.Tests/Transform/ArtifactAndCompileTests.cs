namespace Olist.Tests.Transform;

public sealed class ArtifactAndCompileTests : IDisposable
{
    private readonly ToyProject _project = new();

    [Fact]
    public async Task Build_writes_the_manifest_and_run_results()
    {
        await _project.SeedShopAsync();
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o9', 'c1', 'lost', '2018-01-05 00:00:00')");

        var summary = await _project.Engine().BuildAsync(new BuildRequest(Ds: new DateOnly(2018, 1, 5)), null, CancellationToken.None);

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_project.TargetDirectory, "manifest.json")));
        var fact = manifest.RootElement.GetProperty("nodes").GetProperty("model.fact_orders");
        Assert.Equal("models/marts/fact_orders.sql", fact.GetProperty("path").GetString());
        Assert.Equal("marts.fact_orders", fact.GetProperty("relation").GetString());
        Assert.Equal("incremental", fact.GetProperty("config").GetProperty("materialized").GetString());
        Assert.Equal("ds", fact.GetProperty("config").GetProperty("incremental_key").GetString());
        Assert.Equal("The order.", fact.GetProperty("columns").GetProperty("order_id").GetProperty("description").GetString());
        Assert.Equal(["model.stg_orders"], fact.GetProperty("depends_on").GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        var relationship = manifest.RootElement.GetProperty("nodes").GetProperty("test.relationships_fact_orders_customer_id__dim_customers_customer_id");
        Assert.Equal("relationships", relationship.GetProperty("test_metadata").GetProperty("name").GetString());
        Assert.Equal(["model.fact_orders", "model.dim_customers"], relationship.GetProperty("depends_on").GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["source.raw.orders"], manifest.RootElement.GetProperty("nodes").GetProperty("model.stg_orders").GetProperty("depends_on").GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        Assert.True(manifest.RootElement.GetProperty("sources").TryGetProperty("source.raw.orders", out _));

        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_project.TargetDirectory, "run_results.json")));
        var byId = results.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("unique_id").GetString()!);
        Assert.Equal(summary.Results.Count, byId.Count);
        Assert.Equal("build", results.RootElement.GetProperty("metadata").GetProperty("command").GetString());
        Assert.Equal("2018-01-05", results.RootElement.GetProperty("args").GetProperty("ds").GetString());
        Assert.Equal("success", byId["model.fact_orders"].GetProperty("status").GetString());
        Assert.Equal(5, byId["model.fact_orders"].GetProperty("rows_affected").GetInt64());
        Assert.True(byId["model.fact_orders"].GetProperty("execution_time").GetDouble() > 0);
        var accepted = byId["test.accepted_values_fact_orders_status"];
        Assert.Equal("fail", accepted.GetProperty("status").GetString());
        Assert.Equal(1, accepted.GetProperty("failures").GetInt64());
        Assert.Equal("lost", accepted.GetProperty("failing_rows")[0].GetProperty("value").GetString());
        Assert.Equal("skipped", byId["model.kpi_orders_per_day"].GetProperty("status").GetString());
        Assert.False(results.RootElement.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Compiled_duckdb_files_run_in_name_order_rebuild_the_same_tables_as_build()
    {
        await _project.SeedShopAsync();
        var output = _project.Combine("compiled");
        var compiled = await _project.Engine().CompileAsync(new CompileRequest(output), CancellationToken.None);
        var fresh = _project.Combine("fresh.duckdb");
        File.Copy(_project.Warehouse.DatabasePath, fresh);
        await _project.Engine().BuildAsync(new BuildRequest(), null, CancellationToken.None);

        Assert.Equal(
            ["001_stg_customers.sql", "002_stg_orders.sql", "003_dim_customers.sql", "004_fact_orders.sql", "005_kpi_orders_per_day.sql"],
            compiled.ModelFiles.Select(Path.GetFileName));
        Assert.Equal(6, compiled.TestFiles.Count);
        await using var connection = new DuckDBConnection($"Data Source={fresh}");
        await connection.OpenAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(output, "models")).Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(file);
            await command.ExecuteNonQueryAsync();
        }

        foreach (var relation in new[] { "staging.stg_orders", "marts.dim_customers", "marts.fact_orders", "kpis.kpi_orders_per_day" })
        {
            Assert.Equal(await _project.RowsAsync($"SELECT * FROM {relation} ORDER BY ALL"), await ToyProject.RowsAsync(connection, $"SELECT * FROM {relation} ORDER BY ALL"));
        }

        foreach (var test in compiled.TestFiles)
        {
            Assert.Empty(await ToyProject.RowsAsync(connection, await File.ReadAllTextAsync(test)));
        }
    }

    [Fact]
    public async Task A_compiled_day_replaces_that_day_of_an_incremental_model_as_build_with_ds_does()
    {
        await _project.SeedShopAsync();
        await _project.Engine().BuildAsync(new BuildRequest(), null, CancellationToken.None);
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o5', 'c2', 'delivered', '2018-01-02 12:00:00'), ('o6', 'c3', 'delivered', '2018-01-01 08:00:00')");
        var fresh = _project.Combine("fresh.duckdb");
        File.Copy(_project.Warehouse.DatabasePath, fresh);
        var day = new DateOnly(2018, 1, 2);
        var compiled = await _project.Engine().CompileAsync(new CompileRequest(_project.Combine("day"), Ds: day), CancellationToken.None);
        await _project.Engine().BuildAsync(new BuildRequest(Ds: day), null, CancellationToken.None);

        var fact = await File.ReadAllTextAsync(compiled.ModelFiles.Single(f => f.EndsWith("_fact_orders.sql", StringComparison.Ordinal)));
        Assert.Contains("-- fact_orders (incremental, day 2018-01-02)", fact, StringComparison.Ordinal);
        Assert.Contains("WHERE orders.ds = '2018-01-02'", fact, StringComparison.Ordinal);
        await using var connection = new DuckDBConnection($"Data Source={fresh}");
        await connection.OpenAsync();
        foreach (var file in compiled.ModelFiles)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(file);
            await command.ExecuteNonQueryAsync();
        }

        var built = await _project.RowsAsync("SELECT order_id, ds FROM marts.fact_orders ORDER BY ALL");
        Assert.Equal(["o1|2018-01-01", "o2|2018-01-01", "o3|2018-01-02", "o4|∅", "o5|2018-01-02"], built);
        Assert.Equal(built, await ToyProject.RowsAsync(connection, "SELECT order_id, ds FROM marts.fact_orders ORDER BY ALL"));
        Assert.Empty(await ToyProject.RowsAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%incoming%'"));
    }

    [Fact]
    public async Task Compiled_bigquery_files_name_relations_in_the_dataset_and_partition_incremental_tables()
    {
        var output = _project.Combine("bq");

        var compiled = await _project.Engine().CompileAsync(new CompileRequest(output, TargetWarehouse.BigQuery, "+fact_orders"), CancellationToken.None);

        Assert.Equal(["001_stg_orders.sql", "002_fact_orders.sql"], compiled.ModelFiles.Select(Path.GetFileName));
        var fact = await File.ReadAllTextAsync(compiled.ModelFiles[1]);
        Assert.Contains("CREATE SCHEMA IF NOT EXISTS `shop`;", fact, StringComparison.Ordinal);
        Assert.Contains("CREATE OR REPLACE TABLE `shop.fact_orders`\nPARTITION BY ds AS\n", fact, StringComparison.Ordinal);
        Assert.Contains("FROM `shop.stg_orders` AS orders", fact, StringComparison.Ordinal);
        Assert.DoesNotContain("WHERE orders.ds", fact, StringComparison.Ordinal);
        Assert.Contains("FROM `shop.raw_orders`", await File.ReadAllTextAsync(compiled.ModelFiles[0]), StringComparison.Ordinal);
        var accepted = await File.ReadAllTextAsync(Path.Combine(output, "tests", "accepted_values_fact_orders_status.sql"));
        Assert.Contains("NOT IN ('delivered', 'canceled')", accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_renders_as_a_query_with_the_vars_it_is_given()
    {
        _project.Write("models/kpis/kpi_orders_per_day.sql", "SELECT ds FROM {{ ref('fact_orders') }} WHERE ds >= '{{ var('kpi_from', '2016-01-01') }}'");

        var query = await _project.Engine().RenderQueryAsync("kpi_orders_per_day", new Dictionary<string, string> { ["kpi_from"] = "2018-2-1" }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<Olist.Pipeline.Errors.PipelineException>(() => _project.Engine().RenderQueryAsync("kpi_nope", null, CancellationToken.None));

        Assert.Equal("SELECT ds FROM marts.fact_orders WHERE ds >= '2018-02-01'", query);
        Assert.Contains("kpi_nope", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _project.Dispose();
}
