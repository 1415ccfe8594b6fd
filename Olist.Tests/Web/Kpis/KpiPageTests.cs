using Microsoft.AspNetCore.Components;
using Olist.Web.Components.Charts;
using Olist.Web.Components.Kpis;
using Olist.Web.Components.Pages;
using Olist.Web.Components.Pages.Kpis;
using Olist.Tests.Kpis;

namespace Olist.Tests.Web.Kpis;

/// <summary>The nine KPI pages and the glossary against a fake KPI service: data, empty state, filters in the address, grain switch, drill-down.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the context through IAsyncLifetime.DisposeAsync.")]
public sealed class KpiPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeKpiService _kpis = new();
    private readonly TempDirectory _directory = new();

    public static TheoryData<Type, string> Pages { get; } = new()
    {
        { typeof(CustomerGrowth), "customer-growth" },
        { typeof(TopProducts), "top-products" },
        { typeof(SellerSales), "seller-sales" },
        { typeof(SalesTrends), "sales-trends" },
        { typeof(DeliveryTimes), "delivery-times" },
        { typeof(OrderValue), "order-value" },
        { typeof(PurchaseFrequency), "purchase-frequency" },
        { typeof(Retention), "retention" },
        { typeof(Satisfaction), "satisfaction" },
    };

    public Task InitializeAsync() => InteractiveContext.PrepareAsync(_context, _directory.Path, services => services.AddSingleton<IKpiService>(_kpis));

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Each_page_shows_its_charts_table_and_definition_for_its_route(Type page, string kpi)
    {
        var rendered = Render(page, $"kpi/{kpi}");

        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("[data-chart]")));
        Assert.Empty(rendered.FindAll("[data-testid=kpi-empty]"));
        Assert.NotEmpty(rendered.FindAll("[data-testid=kpi-table] tbody tr"));
        Assert.Contains(_kpis.Calls, c => c.Kpi == kpi && c.Range == DateRange.All);
        var definition = TypedKpiService.ProjectCatalog[kpi];
        Assert.Equal(definition.Title, rendered.Find("h1").TextContent.Trim());
        Assert.Equal("/kpi/" + kpi, ((RouteAttribute)Attribute.GetCustomAttribute(page, typeof(RouteAttribute))!).Template);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Each_page_says_so_when_the_selection_has_no_orders(Type page, string kpi)
    {
        _kpis.Empty = true;

        var rendered = Render(page, $"kpi/{kpi}?from=2030-01-01&to=2030-01-31");

        rendered.WaitForAssertion(() => Assert.NotNull(rendered.Find("[data-testid=kpi-empty]")));
        Assert.Empty(rendered.FindAll("[data-chart]"));
        Assert.Empty(rendered.FindAll("[data-testid=kpi-table]"));
        Assert.Contains(_kpis.Calls, c => c.Kpi == kpi && c.Range == new DateRange(new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 31)));
    }

    [Fact]
    public void The_date_range_comes_from_the_address_and_a_preset_writes_it_back()
    {
        var rendered = Render(typeof(CustomerGrowth), "kpi/customer-growth?from=2017-12-01&to=2018-01-31");
        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("[data-chart]")));
        Assert.Contains(new KpiCall("customer-growth", null, null, null, new DateRange(new DateOnly(2017, 12, 1), new DateOnly(2018, 1, 31))), _kpis.Calls);

        // The presets are the years with sales orders, read from the data.
        rendered.WaitForAssertion(() => Assert.NotNull(rendered.Find("[data-preset='2017']")));
        rendered.Find("[data-preset='2017']").Click();

        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        Assert.EndsWith("kpi/customer-growth?from=2017-01-01&to=2017-12-31", navigation.Uri, StringComparison.Ordinal);
        rendered.WaitForAssertion(() =>
            Assert.Contains(new KpiCall("customer-growth", null, null, null, new DateRange(new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31))), _kpis.Calls));
    }

    [Fact]
    public void Switching_sales_trends_to_days_asks_for_days_and_adds_the_seven_day_moving_average()
    {
        var rendered = Render(typeof(SalesTrends), "kpi/sales-trends");
        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("[data-chart]")));
        Assert.Equal(["Revenue", "Freight"], RevenueChart(rendered).Instance.Series.Select(s => s.Name));

        rendered.Find("[data-grain=day]").Click();

        Assert.Contains("grain=day", _context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        rendered.WaitForAssertion(() => Assert.Equal(["Revenue", "7-day moving average"], RevenueChart(rendered).Instance.Series.Select(s => s.Name)));
        Assert.Contains(_kpis.Calls, c => c.Kpi == "sales-trends" && c.Grain == TimeGrain.Day);
        var average = RevenueChart(rendered).Instance.Series[1].Points;
        // Day d has revenue 10 d: the first full week averages 10 * (1 + ... + 7) / 7 = 40; earlier days have no full week.
        Assert.All(average.Take(6), p => Assert.Null(p.Y));
        Assert.Equal(40, average[6].Y!.Value, 6);
        Assert.Equal(14, rendered.FindAll("[data-testid=kpi-table] tbody tr").Count + 2);
    }

    [Fact]
    public void An_option_the_kpi_does_not_take_is_a_clear_problem_not_a_crash()
    {
        var rendered = Render(typeof(SalesTrends), "kpi/sales-trends?grain=year");

        rendered.WaitForAssertion(() => Assert.Contains("grain 'year'", rendered.Find("[data-testid=kpi-problem]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(_kpis.Calls, c => c.Kpi == "sales-trends" && c.Grain == TimeGrain.Year);
    }

    [Fact]
    public void Top_products_takes_grain_period_and_top_from_the_address()
    {
        var rendered = Render(typeof(TopProducts), "kpi/top-products?grain=year&top=5&period=2017");

        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("[data-chart]")));
        Assert.Contains(_kpis.Calls, c => c.Kpi == "top-products" && c.Grain == TimeGrain.Year && c.Top == 5);
        var rows = rendered.FindAll("[data-testid=kpi-table] tbody tr");
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Contains("2017", r.TextContent, StringComparison.Ordinal));

        rendered.Find("[data-grain=day]").Click();

        rendered.WaitForAssertion(() => Assert.Contains(_kpis.Calls, c => c.Kpi == "top-products" && c.Grain == TimeGrain.Day && c.Top == 5));
        // Without a period of its own the latest day is shown.
        rendered.WaitForAssertion(() => Assert.All(rendered.FindAll("[data-testid=kpi-table] tbody tr"), r => Assert.Contains("2018-01-03", r.TextContent, StringComparison.Ordinal)));
    }

    [Fact]
    public void Clicking_a_state_drills_into_its_cities_and_the_table_follows()
    {
        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        var rendered = Render(typeof(OrderValue), "kpi/order-value");
        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("[data-chart=states]")));
        Assert.Equal(3, rendered.FindAll("[data-testid=kpi-table] tbody tr").Count);

        // Bars are ordered by value: RJ (160) first.
        var states = rendered.FindComponents<Chart>().Single(c => c.Instance.Name == "states");
        rendered.InvokeAsync(() => states.Instance.SelectPointAsync(0, 0));

        Assert.EndsWith("kpi/order-value?state=RJ", navigation.Uri, StringComparison.Ordinal);
        rendered.WaitForAssertion(() => Assert.Equal("RJ", rendered.Find("[data-testid=selected-state]").TextContent.Trim()));
        Assert.Contains(_kpis.Calls, c => c.Kpi == "order-value" && c.Level == LocationLevel.City);
        var cities = rendered.FindAll("[data-testid=kpi-table] tbody tr");
        Assert.Equal("rio de janeiro", Assert.Single(cities).Children[0].TextContent.Trim());
        Assert.NotEmpty(rendered.FindAll("[data-chart=cities]"));
    }

    [Fact]
    public void Seller_search_narrows_the_table()
    {
        var rendered = Render(typeof(SellerSales), "kpi/seller-sales");
        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("[data-chart]")));
        Assert.Contains("40 of 40 sellers", rendered.Find("[data-testid=kpi-table]").TextContent, StringComparison.Ordinal);

        rendered.Find("input[data-testid=seller-search], [data-testid=seller-search] input").Input("rio de janeiro");

        rendered.WaitForAssertion(() => Assert.Contains("13 of 40 sellers", rendered.Find("[data-testid=kpi-table]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_csv_download_holds_the_rows_shown_with_the_metrics_columns()
    {
        var files = _context.JSInterop.SetupModule("./js/files.js");
        files.SetupVoid("saveText", _ => true).SetVoidResult();
        var rendered = Render(typeof(OrderValue), "kpi/order-value?state=SP&from=2018-01-01");
        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("[data-chart=cities]")));

        rendered.Find("[data-testid=download-csv]").Click();

        var call = Assert.Single(files.Invocations["saveText"]);
        Assert.Equal("order-value-from-2018-01-01-SP.csv", call.Arguments[0]);
        var lines = ((string)call.Arguments[2]!).TrimEnd().Split(Environment.NewLine);
        Assert.Equal("state,city,orders,revenue,aov", lines[0]);
        Assert.Equal(["SP,sao paulo,70,10000,142.86", "SP,campinas,30,5000,166.67"], lines[1..]);
    }

    [Fact]
    public void Every_kpi_of_the_catalog_has_a_page_and_every_page_a_kpi()
    {
        var routes = typeof(KpiPageBase).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(KpiPageBase)) && !t.IsAbstract)
            .Select(t => ((RouteAttribute)Attribute.GetCustomAttribute(t, typeof(RouteAttribute))!).Template);

        Assert.Equal(TypedKpiService.ProjectCatalog.Names.Select(n => "/kpi/" + n).Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_glossary_shows_every_kpi_and_column_in_the_words_of_its_yaml()
    {
        var catalog = TypedKpiService.ProjectCatalog;

        var page = _context.Render<Glossary>();

        Assert.Equal(catalog.Names, page.FindAll("[data-kpi]").Select(e => e.GetAttribute("data-kpi")));
        foreach (var kpi in catalog.All)
        {
            var card = page.Find($"[data-kpi='{kpi.Name}']");
            Assert.Contains(kpi.Definition, card.TextContent, StringComparison.Ordinal);
            Assert.Equal(kpi.ColumnNames, card.QuerySelectorAll("dt").Select(e => e.TextContent.Trim()));
            Assert.Equal(kpi.Columns.Select(c => c.Description), card.QuerySelectorAll("dd").Select(e => e.TextContent.Trim()));
        }
    }

    private static IRenderedComponent<Chart> RevenueChart(IRenderedComponent<DynamicComponent> page) =>
        page.FindComponents<Chart>().Single(c => c.Instance.Name == "revenue");

    private IRenderedComponent<DynamicComponent> Render(Type page, string relativeUri)
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
        return _context.Render<DynamicComponent>(p => p.Add(d => d.Type, page));
    }
}
