namespace Olist.Tests.Transform;

/// <summary>Source checks declared in YAML, as dbt's source freshness and a row count: they run before the models reading the source.</summary>
public sealed class SourceCheckTests : IDisposable
{
    private const string SourcesYaml = """
        version: 2
        sources:
          - name: raw
            loaded_at_field: _loaded_at
            freshness:
              warn_after: {count: 1, period: day}
              error_after: {count: 30, period: day}
            tables:
              - name: orders
                tests:
                  - row_count: {severity: warn}
              - name: customers
                freshness: null
        """;

    private static readonly DateTimeOffset LoadedAt = new(2018, 1, 3, 0, 0, 0, TimeSpan.Zero);

    private readonly ToyProject _project = new();

    public SourceCheckTests() => _project.Write("models/staging/_sources.yml", SourcesYaml);

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task An_empty_source_warns_before_its_models_run_and_the_warning_is_in_run_results()
    {
        await SeedAsync();
        await _project.ExecuteAsync("DELETE FROM raw.orders");

        var summary = await _project.Engine(Clock(hoursAfterLoad: 1)).BuildAsync(new BuildRequest(), null, CancellationToken.None);

        var check = summary.Results[0];
        Assert.Equal(("source_row_count_raw_orders", RunStatus.Warn, 1L), (check.Name, check.Status, check.Failures));
        Assert.Equal("source raw.orders holds 0 rows, fewer than 1: was it loaded from an empty file?", check.Message);
        Assert.True(summary.Succeeded);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_project.TargetDirectory, "run_results.json")));
        var recorded = results.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("name").GetString() == check.Name);
        Assert.Equal("warn", recorded.GetProperty("status").GetString());
        Assert.Equal(check.Message, recorded.GetProperty("message").GetString());
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_project.TargetDirectory, "manifest.json")));
        var node = manifest.RootElement.GetProperty("nodes").GetProperty("test.source_row_count_raw_orders");
        Assert.Equal(["source.raw.orders"], node.GetProperty("depends_on").GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
    }

    [Theory]
    [InlineData(12, "pass", "pass", "success")]
    [InlineData(48, "warn", "pass", "success")]
    [InlineData(24 * 31, "warn", "fail", "skipped")]
    public async Task Freshness_is_judged_against_the_run_clock_and_error_after_skips_the_models_reading_the_source(
        int hoursAfterLoad, string warnStatus, string errorStatus, string stgOrders)
    {
        await SeedAsync();

        var summary = await _project.Engine(Clock(hoursAfterLoad)).BuildAsync(new BuildRequest(), null, CancellationToken.None);

        var byName = summary.Results.ToDictionary(r => r.Name);
        Assert.Equal(warnStatus, Status(byName["source_freshness_raw_orders_warn_after"]));
        Assert.Equal(errorStatus, Status(byName["source_freshness_raw_orders_error_after"]));
        Assert.Equal(stgOrders, Status(byName["stg_orders"]));
        Assert.Equal("success", Status(byName["stg_customers"]));
        Assert.DoesNotContain(summary.Results, r => r.Name.Contains("freshness_raw_customers", StringComparison.Ordinal));
        if (warnStatus == "warn")
        {
            Assert.StartsWith("source raw.orders is stale: newest _loaded_at 2018-01-03", byName["source_freshness_raw_orders_warn_after"].Message, StringComparison.Ordinal);
        }

        if (stgOrders == "skipped")
        {
            Assert.Equal("skipped: upstream source.raw.orders failed", byName["stg_orders"].Message);
        }
    }

    [Fact]
    public async Task A_source_check_comes_with_the_models_that_read_its_source_and_only_those()
    {
        await SeedAsync();
        var engine = _project.Engine(Clock(hoursAfterLoad: 1));

        var customers = await engine.BuildAsync(new BuildRequest("stg_customers"), null, CancellationToken.None);
        var orders = await engine.BuildAsync(new BuildRequest("stg_orders"), null, CancellationToken.None);
        var staging = await engine.BuildAsync(new BuildRequest("path:staging", Indirect: IndirectSelection.Buildable), null, CancellationToken.None);
        var tested = await engine.TestAsync(new TestRequest(), null, CancellationToken.None);

        Assert.DoesNotContain(customers.Tests, t => t.Name.StartsWith("source_", StringComparison.Ordinal));
        string[] checks = ["source_freshness_raw_orders_error_after", "source_freshness_raw_orders_warn_after", "source_row_count_raw_orders"];
        Assert.Equal(checks, orders.Tests.Where(t => t.Name.StartsWith("source_", StringComparison.Ordinal)).Select(t => t.Name).Order());
        Assert.Equal(checks, staging.Tests.Where(t => t.Name.StartsWith("source_", StringComparison.Ordinal)).Select(t => t.Name).Order());
        Assert.Equal(checks, tested.Tests.Where(t => t.Name.StartsWith("source_", StringComparison.Ordinal)).Select(t => t.Name).Order());
    }

    [Fact]
    public async Task Compile_writes_the_checks_for_either_warehouse()
    {
        var output = _project.Combine("compiled");

        await _project.Engine(Clock(hoursAfterLoad: 1)).CompileAsync(new CompileRequest(output, TargetWarehouse.BigQuery), CancellationToken.None);

        var rowCount = await File.ReadAllTextAsync(Path.Combine(output, "tests", "source_row_count_raw_orders.sql"));
        var freshness = await File.ReadAllTextAsync(Path.Combine(output, "tests", "source_freshness_raw_orders_warn_after.sql"));
        Assert.Contains("FROM `shop.raw_orders`\nHAVING count(*) < 1", rowCount, StringComparison.Ordinal);
        Assert.Contains("HAVING max(_loaded_at) < TIMESTAMP '2018-01-02 01:00:00.000000+00'", freshness, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("freshness: {warn_after: {count: 1, period: day}}", "needs loaded_at_field")]
    [InlineData("loaded_at_field: _loaded_at\n    freshness: {warn_after: {count: 1, period: week}}", "warn_after must be a count above 0 and a period of minute, hour, day")]
    [InlineData("tables:\n      - name: orders\n        tests: [not_null]", "a source table takes row_count tests, not not_null")]
    public async Task A_bad_source_declaration_is_refused_naming_the_file_and_line(string declaration, string problem)
    {
        _project.Write("models/staging/_sources.yml", $"version: 2\nsources:\n  - name: raw\n    {declaration}\n" + (declaration.Contains("tables", StringComparison.Ordinal) ? "" : "    tables:\n      - name: orders\n"));

        var error = await Assert.ThrowsAsync<PipelineException>(() => _project.Engine().BuildAsync(new BuildRequest(), null, CancellationToken.None));

        Assert.StartsWith("models/staging/_sources.yml:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static string Status(NodeResult result) => result.Status.ToString().ToLowerInvariant();

    private static FakeTimeProvider Clock(int hoursAfterLoad) => new(LoadedAt.AddHours(hoursAfterLoad));

    /// <summary>The shop's raw rows, loaded (as the loader stamps them) at <see cref="LoadedAt"/>.</summary>
    private async Task SeedAsync()
    {
        await _project.SeedShopAsync();
        await _project.ExecuteAsync("ALTER TABLE raw.orders ADD COLUMN _loaded_at TIMESTAMPTZ DEFAULT TIMESTAMPTZ '2018-01-03 00:00:00+00'");
    }
}
