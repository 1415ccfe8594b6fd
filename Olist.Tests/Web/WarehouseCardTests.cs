using Olist.Web.Components.Operations;

namespace Olist.Tests.Web;

/// <summary>The schedule page's warehouse section: the memory limit and threads as DuckDB reports them, and the KPI query concurrency.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the context through IAsyncLifetime.DisposeAsync.")]
public sealed class WarehouseCardTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly TempDirectory _directory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously.
        await _context.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public void An_operator_sees_the_limits_DuckDB_applied_and_where_they_are_configured()
    {
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(new DuckDbWarehouse(
            _directory.Combine("warehouse.duckdb"), new WarehouseOptions { MemoryLimit = "512MiB", Threads = 1, MaxConcurrentQueries = 3 }));

        var card = _context.Render<WarehouseCard>();

        card.WaitForAssertion(() => Assert.Equal("512.0 MiB", card.Find("[data-testid=memory-limit]").TextContent));
        Assert.Equal("1", card.Find("[data-testid=threads]").TextContent);
        Assert.Equal("3", card.Find("[data-testid=max-concurrent-queries]").TextContent);
        Assert.EndsWith(" MiB", card.Find("[data-testid=memory-in-use]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Olist:Warehouse:MemoryLimit = 512MiB", card.Markup, StringComparison.Ordinal);
    }
}
