using Olist.Web.Components.Common;
using Olist.Web.Components.Pages.Live;

namespace Olist.Tests.Web;

/// <summary>The /live page over the real consumer and feed: orders appear newest first as batches commit, pause holds them back, metrics follow.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the context through IAsyncLifetime.DisposeAsync.")]
public sealed class LiveOrdersPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly StreamPageContext _context = new();

    public Task InitializeAsync() => _context.StartAsync();

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task Shows_arriving_orders_newest_first_and_today_s_metrics()
    {
        var page = _context.Bunit.Render<LiveOrders>();
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=metric-orders]").TextContent.Trim()), Patience);
        Assert.NotNull(page.Find("[data-testid=no-orders]"));
        var orders = await _context.GenerateOrdersAsync(4, seed: 3);

        await _context.PublishAndSettleAsync(orders.Take(3));
        await _context.PublishAndSettleAsync(orders.Skip(3));

        var expected = orders.Select(OrderId).Reverse().ToList();
        page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll("tr[data-order]").Select(r => r.GetAttribute("data-order"))), Patience);
        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-testid=metric-orders]").TextContent.Trim()), Patience);
        var metrics = await _context.Bunit.Services.GetRequiredService<LiveMetricsQuery>().ReadAsync(CancellationToken.None);
        Assert.Equal(Display.Money(metrics.ItemRevenue), page.Find("[data-testid=metric-item-revenue]").TextContent.Trim());
        Assert.Equal(metrics.OrdersByMinute.Max(b => b.Orders), PeakOf(page.Find("[data-testid=chart-peak]").TextContent));
        Assert.NotNull(page.Find("[data-chart=orders-per-minute]"));
        Assert.NotEmpty(page.FindAll("[data-testid=top-states] [data-name]"));
    }

    [Fact]
    public async Task Pause_holds_new_orders_back_and_resume_shows_them_on_top()
    {
        var page = _context.Bunit.Render<LiveOrders>();
        var orders = await _context.GenerateOrdersAsync(3, seed: 4);
        await _context.PublishAndSettleAsync(orders.Take(1));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-order]")), Patience);

        await page.InvokeAsync(() => page.Find("[data-testid=pause-resume]").Click());
        await _context.PublishAndSettleAsync(orders.Skip(1));

        page.WaitForAssertion(() => Assert.Equal("2 waiting", page.Find("[data-testid=waiting-count]").TextContent.Trim()), Patience);
        Assert.Equal([OrderId(orders[0])], page.FindAll("tr[data-order]").Select(r => r.GetAttribute("data-order")));

        await page.InvokeAsync(() => page.Find("[data-testid=pause-resume]").Click());

        Assert.Equal(orders.Select(OrderId).Reverse(), page.FindAll("tr[data-order]").Select(r => r.GetAttribute("data-order")));
        Assert.Empty(page.FindAll("[data-testid=waiting-count]"));
    }

    private static long PeakOf(string caption) =>
        long.Parse(caption.Split("peak ")[1].Split(' ')[0], CultureInfo.InvariantCulture);

    private static string OrderId(byte[] body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("orders").GetProperty("order_id").GetString()!;
}
