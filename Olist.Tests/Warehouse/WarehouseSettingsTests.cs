namespace Olist.Tests.Warehouse;

/// <summary>The memory limit and threads of <c>Olist:Warehouse</c> are what DuckDB runs with on the connections the app opens.</summary>
public sealed class WarehouseSettingsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Every_connection_the_warehouse_opens_runs_with_its_memory_limit_and_threads()
    {
        var warehouse = new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"), new WarehouseOptions { MemoryLimit = "300MB", Threads = 1, BuildThreads = 3 });

        await using var connection = await warehouse.OpenAsync(CancellationToken.None);
        Assert.Equal(("286.1 MiB", "1"), await SettingsAsync(connection));
        var settings = await warehouse.ReadSettingsAsync(CancellationToken.None);
        Assert.Equal(("286.1 MiB", 1L), (settings.MemoryLimit, settings.Threads));
        Assert.True(settings.MemoryInUseBytes >= 0);
    }

    [Fact]
    public async Task A_build_runs_with_the_build_threads_and_the_next_connection_for_other_work_brings_the_serving_threads_back()
    {
        var warehouse = new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"), new WarehouseOptions { MemoryLimit = "300MB", Threads = 1, BuildThreads = 3 });
        await using var served = await warehouse.OpenAsync(CancellationToken.None);

        // The transform engine's sessions (builds, the DAG's tasks) open theirs through the warehouse; DuckDB's threads belong
        // to the whole database, so a connection opened before the build sees them change too.
        var first = await DuckDbSession.OpenAsync(warehouse, CancellationToken.None);
        var row = Assert.Single(await first.QueryAsync("SELECT current_setting('memory_limit') AS memory_limit, current_setting('threads') AS threads", CancellationToken.None));
        Assert.Equal(("286.1 MiB", 3L), ((string?)row["memory_limit"], Convert.ToInt64(row["threads"], System.Globalization.CultureInfo.InvariantCulture)));
        var second = await DuckDbSession.OpenAsync(warehouse, CancellationToken.None);
        await first.DisposeAsync();
        Assert.Equal(("286.1 MiB", "3"), await SettingsAsync(served));
        await second.DisposeAsync();
        await second.DisposeAsync();

        // The next session of a run of builds finds the build threads still there; other work takes the serving threads back.
        Assert.Equal(("286.1 MiB", "3"), await SettingsAsync(served));
        await using (var next = await DuckDbSession.OpenAsync(warehouse, CancellationToken.None))
        {
            Assert.Equal(("286.1 MiB", "3"), await SettingsAsync(served));
        }

        Assert.Equal(1L, (await warehouse.ReadSettingsAsync(CancellationToken.None)).Threads);
        Assert.Equal(("286.1 MiB", "1"), await SettingsAsync(served));
        await using (var again = await DuckDbSession.OpenAsync(warehouse, CancellationToken.None))
        {
            Assert.Equal(("286.1 MiB", "3"), await SettingsAsync(served));
        }
    }

    [Fact]
    public async Task The_app_opens_its_warehouse_with_the_configured_settings()
    {
        await using var app = OlistWebApp.Build(
            ["--urls", "http://127.0.0.1:0", $"--Olist:DataDirectory={_directory.Path}", "--Olist:Warehouse:MemoryLimit=200MB", "--Olist:Warehouse:Threads=1", "--Olist:Warehouse:MaxConcurrentQueries=3"]);
        var warehouse = app.Services.GetRequiredService<DuckDbWarehouse>();

        await using var connection = await warehouse.OpenAsync(CancellationToken.None);

        Assert.Equal(("190.7 MiB", "1"), await SettingsAsync(connection));
        Assert.Equal(3, warehouse.Options.MaxConcurrentQueries);
    }

    [Fact]
    public async Task Without_configuration_DuckDB_is_held_to_1GB_serves_with_the_cores_shared_by_the_queries_at_once_and_builds_with_every_core()
    {
        var warehouse = new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"));

        var settings = await warehouse.ReadSettingsAsync(CancellationToken.None);

        // As many KPI queries at once as cores by default, so one thread each.
        Assert.Equal(("953.6 MiB", 1), (settings.MemoryLimit, (int)settings.Threads));
        Assert.Equal(Environment.ProcessorCount, warehouse.Options.BuildThreads);
        Assert.Equal(Environment.ProcessorCount, new WarehouseOptions { MaxConcurrentQueries = 1 }.Threads);
        Assert.Equal(5, new WarehouseOptions { MaxConcurrentQueries = 1, Threads = 5 }.Threads);
    }

    [Fact]
    public void Build_threads_below_one_are_refused_with_the_key_to_fix()
    {
        var error = Assert.Throws<PipelineException>(() => new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"), new WarehouseOptions { BuildThreads = 0 }));

        Assert.Contains("Olist:Warehouse:BuildThreads must be at least 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lots", 1, 1, "MemoryLimit 'lots'")]
    [InlineData("80%", 1, 1, "MemoryLimit '80%'")]
    [InlineData("1GB;threads=64", 1, 1, "MemoryLimit '1GB;threads=64'")]
    [InlineData("1GB", 0, 1, "Threads must be at least 1")]
    [InlineData("1GB", 1, 0, "MaxConcurrentQueries must be at least 1")]
    public void Unusable_settings_are_refused_with_the_key_to_fix(string memoryLimit, int threads, int queries, string message)
    {
        var options = new WarehouseOptions { MemoryLimit = memoryLimit, Threads = threads, MaxConcurrentQueries = queries };

        var error = Assert.Throws<PipelineException>(() => new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"), options));

        Assert.Contains("Olist:Warehouse:", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<(string MemoryLimit, string Threads)> SettingsAsync(DuckDBConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('memory_limit'), CAST(current_setting('threads') AS VARCHAR)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }
}
