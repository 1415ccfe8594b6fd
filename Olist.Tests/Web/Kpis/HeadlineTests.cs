using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Caching.Memory;
using Olist.Web.Components.Kpis;
using Olist.Web.Kpis;

namespace Olist.Tests.Web.Kpis;

/// <summary>The overview's headline figures: latest month against the month before, trends, and the tiles that link to the KPI pages.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the context through IAsyncLifetime.DisposeAsync.")]
public sealed class HeadlineTests : IAsyncLifetime
{
    private readonly FakeKpiService _kpis = new();
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly BunitContext _context = new();
    private readonly TempDirectory _directory = new();
    private readonly DuckDbWarehouse _warehouse;

    public HeadlineTests() => _warehouse = new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _cache.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Each_headline_is_the_latest_month_against_the_one_before()
    {
        var reader = new HeadlineReader(_kpis, _cache, _warehouse);

        var headlines = (await reader.ReadAsync(DateRange.All, CancellationToken.None)).ToDictionary(h => h.Name);

        // FakeKpiService: sales orders 40, 30, 50 in 2017-11..2018-01; active customers 40, 29, 48; month-1 retention 5% then 4%.
        Assert.Equal(["orders", "revenue", "aov", "customers", "retention"], headlines.Keys);
        Assert.Equal(("2018-01", 50.0, 30.0), (headlines["orders"].Period, headlines["orders"].Value, headlines["orders"].Previous));
        Assert.Equal(100.0 * (50 - 30) / 30, headlines["orders"].Change!.Value, 9);
        Assert.Equal(5600.0, headlines["revenue"].Value);
        Assert.Equal(48.0, headlines["customers"].Value);
        Assert.Equal(("2017-12", 4.0, 5.0), (headlines["retention"].Period, headlines["retention"].Value, headlines["retention"].Previous));
        Assert.Equal(-20.0, headlines["retention"].Change!.Value, 9);
        Assert.Equal(["2017-11", "2017-12", "2018-01"], headlines["orders"].Trend.Select(t => t.Period));

        var delivery = await reader.ReadDeliveryAsync(["2017-12", "2018-01"], DateRange.All, CancellationToken.None);

        Assert.False(delivery.HigherIsBetter);
        Assert.Contains(new KpiCall("delivery-times", null, null, null, new DateRange(new DateOnly(2018, 1, 1), new DateOnly(2018, 1, 31))), _kpis.Calls);
        var sellers = await _kpis.DeliveryTimesAsync(DateRange.All, CancellationToken.None);
        Assert.Equal(sellers.Sum(s => s.AvgDays * s.DeliveredOrders) / sellers.Sum(s => s.DeliveredOrders), delivery.Value!.Value, 9);
    }

    [Fact]
    public async Task A_month_is_clipped_to_the_range_and_read_once_while_cached()
    {
        var reader = new HeadlineReader(_kpis, _cache, _warehouse);
        var range = new DateRange(new DateOnly(2018, 1, 10), new DateOnly(2018, 1, 20));

        await reader.ReadDeliveryAsync(["2018-01"], range, CancellationToken.None);
        await reader.ReadDeliveryAsync(["2018-01"], range, CancellationToken.None);

        Assert.Single(_kpis.Calls, c => c.Kpi == "delivery-times" && c.Range == range);
    }

    [Fact]
    public async Task A_build_makes_the_cached_months_read_again()
    {
        var reader = new HeadlineReader(_kpis, _cache, _warehouse);

        await reader.ReadDeliveryAsync(["2018-01"], DateRange.All, CancellationToken.None);
        _warehouse.ModelsChanged();
        await reader.ReadDeliveryAsync(["2018-01"], DateRange.All, CancellationToken.None);

        Assert.Equal(2, _kpis.Calls.Count(c => c.Kpi == "delivery-times"));
    }

    [Fact]
    public async Task The_tiles_show_six_figures_that_link_to_their_pages_with_the_range()
    {
        await InteractiveContext.PrepareAsync(_context, _directory.Path, services => services.AddSingleton(new HeadlineReader(_kpis, _cache, _warehouse)));
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("?from=2017-01-01");

        var tiles = _context.Render<HeadlineTiles>();

        tiles.WaitForAssertion(() => Assert.Equal(6, tiles.FindAll("[data-tile]").Count));
        Assert.Equal(
            ["orders", "revenue", "aov", "customers", "delivery", "retention"],
            tiles.FindAll("[data-tile]").Select(t => t.GetAttribute("data-tile")));
        Assert.Equal("kpi/sales-trends?from=2017-01-01", tiles.Find("[data-tile=orders]").GetAttribute("href"));
        Assert.Equal("50", tiles.Find("[data-tile=orders] [data-testid=tile-value]").TextContent.Trim());
        Assert.Contains("66.7%", tiles.Find("[data-tile=orders] [data-testid=tile-change]").TextContent, StringComparison.Ordinal);
        Assert.Contains(new KpiCall("sales-trends", TimeGrain.Month, null, null, new DateRange(new DateOnly(2017, 1, 1), null)), _kpis.Calls);
        Assert.Equal(6, tiles.FindAll("[data-chart]").Count);
    }
}
