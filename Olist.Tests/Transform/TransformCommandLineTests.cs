namespace Olist.Tests.Transform;

public sealed class TransformCommandLineTests : IDisposable
{
    private readonly ToyProject _project = new();

    private string Data => _project.Combine("data");

    [Fact]
    public async Task Build_test_and_compile_verbs_report_and_exit_by_outcome()
    {
        await _project.SeedShopAsync();

        var built = await CliProcess.RunAsync(Data, "build", "--project-dir", _project.ProjectDirectory, "--ds", "2018-01-02");
        var tested = await CliProcess.RunAsync(Data, "test", "--project-dir", _project.ProjectDirectory, "--select", "tag:marts");
        var compiled = await CliProcess.RunAsync(Data, "compile", "--project-dir", _project.ProjectDirectory, "--target", "bigquery", "--out", _project.Combine("bq"));

        Assert.True(built.ExitCode == 0, built.StandardError + built.StandardOutput);
        Assert.Contains("fact_orders", built.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("build: 5 models, 6 tests (6 pass)", built.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, tested.ExitCode);
        Assert.Contains("test: 0 models, 6 tests (6 pass)", tested.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, compiled.ExitCode);
        Assert.True(File.Exists(_project.Combine("bq", "models", "005_kpi_orders_per_day.sql")));
        Assert.True(File.Exists(Path.Combine(_project.TargetDirectory, "run_results.json")));
    }

    [Fact]
    public async Task A_failing_test_or_a_bad_option_exits_non_zero_with_one_line()
    {
        await _project.SeedShopAsync();
        await _project.ExecuteAsync("INSERT INTO raw.orders VALUES ('o1', 'c1', 'delivered', '2018-01-09 00:00:00')");

        var failed = await CliProcess.RunAsync(Data, "build", "--project-dir", _project.ProjectDirectory);
        var badVar = await CliProcess.RunAsync(Data, "build", "--project-dir", _project.ProjectDirectory, "--vars", "kpi_grain=year");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("unique_fact_orders_order_id", failed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("6 tests (5 pass, 1 fail)", failed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("skipped", failed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, badVar.ExitCode);
        Assert.Equal("build: error: var kpi_grain: 'year' is not one of day, month (see build --help)", badVar.StandardError.Trim());
    }

    public void Dispose() => _project.Dispose();
}
