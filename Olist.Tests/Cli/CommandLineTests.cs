namespace Olist.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Generate_then_load_reports_every_file_as_json_with_counts_that_add_up()
    {
        var csv = _temp.Combine("csv");
        var generated = await CliProcess.RunAsync(_temp.Combine("data"), "generate", "--scale", "0.002", "--seed", "7", "--out", csv, "--end-date", "2018-10-17");
        Assert.True(generated.ExitCode == 0, generated.StandardError);
        Assert.All(OlistCatalog.Tables, t => Assert.True(File.Exists(Path.Combine(csv, t.FileName)), t.FileName));

        var loaded = await CliProcess.RunAsync(_temp.Combine("data"), "load", "--source", csv, "--format", "json");

        Assert.True(loaded.ExitCode == 0, loaded.StandardError);
        using var json = JsonDocument.Parse(loaded.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(OlistCatalog.Tables.Select(t => t.FileName).Order(), rows.Select(r => r.GetProperty("file").GetString()).Order());
        Assert.All(rows, row =>
        {
            Assert.Equal(["file", "table", "rows_read", "rows_loaded", "rows_quarantined"], row.EnumerateObject().Select(p => p.Name));
            Assert.True(row.GetProperty("rows_read").GetInt64() > 0);
            Assert.Equal(row.GetProperty("rows_read").GetInt64(), row.GetProperty("rows_loaded").GetInt64() + row.GetProperty("rows_quarantined").GetInt64());
        });
        Assert.True(File.Exists(_temp.Combine("data", "warehouse.duckdb")));
    }

    [Fact]
    public async Task Load_of_a_header_only_file_is_refused_in_one_line_unless_the_shrink_is_allowed()
    {
        var data = _temp.Combine("data");
        var csv = _temp.Combine("csv");
        var generated = await CliProcess.RunAsync(data, "generate", "--scale", "0.001", "--seed", "7", "--out", csv, "--end-date", "2018-08-31");
        var loaded = await CliProcess.RunAsync(data, "load", "--source", csv);
        var headerOnly = _temp.Combine("header-only");
        Directory.CreateDirectory(headerOnly);
        var orders = Path.Combine(headerOnly, OlistCatalog.Orders.FileName);
        await File.WriteAllTextAsync(orders, (await File.ReadAllLinesAsync(Path.Combine(csv, OlistCatalog.Orders.FileName)))[0] + "\n");

        var refused = await CliProcess.RunAsync(data, "load", "--source", headerOnly);
        var ordersAfterRefusal = await RowCountAsync(data, "raw.orders");
        var allowed = await CliProcess.RunAsync(data, "load", "--source", headerOnly, "--allow-shrink");

        Assert.True(generated.ExitCode == 0 && loaded.ExitCode == 0, generated.StandardError + loaded.StandardError);
        Assert.Equal(1, refused.ExitCode);
        var errors = refused.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("error", StringComparison.Ordinal));
        Assert.StartsWith("load: error: refused to replace raw.orders (", Assert.Single(errors), StringComparison.Ordinal);
        Assert.True(ordersAfterRefusal > 0);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(0, await RowCountAsync(data, "raw.orders"));
    }

    [Fact]
    public async Task Load_of_a_missing_folder_fails_with_one_line_naming_it()
    {
        var missing = _temp.Combine("no-such-folder");

        var outcome = await CliProcess.RunAsync(_temp.Combine("data"), "load", "--source", missing);

        Assert.NotEqual(0, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("load: error:", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("load", "--source", "{csv}")]
    [InlineData("build")]
    [InlineData("test")]
    [InlineData("kpi", "sales-trends")]
    [InlineData("dag", "run", "--ds", "2018-01-02")]
    public async Task A_verb_while_another_process_holds_the_warehouse_says_so_in_one_line(params string[] arguments)
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        var csv = _temp.Combine("csv");
        Directory.CreateDirectory(csv);
        await File.WriteAllTextAsync(
            Path.Combine(csv, OlistCatalog.Sellers.FileName),
            "\"seller_id\",\"seller_zip_code_prefix\",\"seller_city\",\"seller_state\"\nabc,\"01037\",sao paulo,SP\n");
        await using var holder = new DuckDBConnection($"Data Source={Path.Combine(data, "warehouse.duckdb")}");
        await holder.OpenAsync();

        var outcome = await CliProcess.RunAsync(data, [.. arguments.Select(a => a.Replace("{csv}", csv, StringComparison.Ordinal))]);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{string.Join(' ', arguments.TakeWhile(a => !a.StartsWith('-') && a != "sales-trends"))}: error:", line, StringComparison.Ordinal);
        Assert.Contains("another process", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_into_a_path_that_is_a_file_fails_with_one_line()
    {
        var file = _temp.Combine("a-file");
        await File.WriteAllTextAsync(file, "");

        var outcome = await CliProcess.RunAsync(_temp.Combine("data"), "generate", "--scale", "0.001", "--out", file);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("generate: error:", line, StringComparison.Ordinal);
        Assert.Contains(file, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_rejects_a_scale_out_of_range()
    {
        var outcome = await CliProcess.RunAsync(_temp.Combine("data"), "generate", "--scale", "0", "--out", _temp.Combine("csv"));

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("--scale must be greater than 0", outcome.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("csv")));
    }

    private static Task<long> RowCountAsync(string data, string table) =>
        new DuckDbWarehouse(Path.Combine(data, "warehouse.duckdb")).CountAsync($"SELECT count(*) FROM {table}");
}
