namespace Olist.Tests.Kpis;

/// <summary>The name-based front door: KPI names and option strings become validated requests, or errors listing what is allowed.</summary>
public sealed class KpiCatalogTests
{
    private static readonly KpiCatalog Catalog = TypedKpiService.ProjectCatalog;

    private static KpiRequest Parse(string name, params (string Option, string Value)[] options) =>
        Catalog.Parse(name, options.ToDictionary(o => o.Option, o => (string?)o.Value));

    [Fact]
    public void The_catalog_has_the_nine_KPIs_of_metrics_md()
    {
        Assert.Equal(
            ["customer-growth", "top-products", "seller-sales", "sales-trends", "delivery-times", "order-value", "purchase-frequency", "retention", "satisfaction"],
            Catalog.Names);
    }

    [Fact]
    public void Options_left_out_take_the_defaults_of_metrics_md()
    {
        var top = Parse("top-products");
        var trends = Parse("Sales-Trends");
        var value = Parse("order-value");

        Assert.Equal((TimeGrain.Month, 10, DateRange.All), (top.Grain, top.Top, top.Range));
        Assert.Equal(TimeGrain.Month, trends.Grain);
        Assert.Equal(LocationLevel.State, value.Level);
    }

    [Fact]
    public void Given_options_are_parsed()
    {
        var request = Parse("top-products", ("grain", "YEAR"), ("top", "3"), ("from", "2017-01-01"), ("to", "2017-12-31"));

        Assert.Equal(TimeGrain.Year, request.Grain);
        Assert.Equal(3, request.Top);
        Assert.Equal(new DateRange(new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31)), request.Range);
        Assert.Equal(LocationLevel.City, Parse("purchase-frequency", ("level", "city")).Level);
    }

    [Fact]
    public void An_unknown_KPI_lists_the_KPI_names()
    {
        var error = Assert.Throws<KpiRequestException>(() => Parse("revenue"));

        Assert.Equal("name", error.Option);
        Assert.Equal(Catalog.Names, error.Allowed);
        Assert.Contains("unknown KPI 'revenue'", error.Message, StringComparison.Ordinal);
        Assert.Contains("customer-growth, top-products", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("top-products", "grain", "week", "day, month, year")]
    [InlineData("sales-trends", "grain", "year", "day, week, month")]
    [InlineData("order-value", "level", "country", "state, city")]
    public void A_value_the_KPI_does_not_take_lists_its_values(string kpi, string option, string value, string allowed)
    {
        var error = Assert.Throws<KpiRequestException>(() => Parse(kpi, (option, value)));

        Assert.Equal(option, error.Option);
        Assert.EndsWith($"allowed: {allowed}.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retention", "grain")]
    [InlineData("sales-trends", "top")]
    [InlineData("customer-growth", "level")]
    [InlineData("satisfaction", "colour")]
    public void An_option_the_KPI_does_not_take_lists_its_options(string kpi, string option)
    {
        var error = Assert.Throws<KpiRequestException>(() => Parse(kpi, (option, "x")));

        Assert.Equal(option, error.Option);
        Assert.Contains("from", error.Allowed);
        Assert.DoesNotContain(option, error.Allowed);
    }

    [Theory]
    [InlineData("top", "0")]
    [InlineData("top", "ten")]
    [InlineData("top", "1001")]
    [InlineData("from", "2017-13-01")]
    [InlineData("to", "17/01/2018")]
    public void Bad_numbers_and_dates_are_rejected_with_the_expected_form(string option, string value)
    {
        var error = Assert.Throws<KpiRequestException>(() => Parse("top-products", (option, value)));

        Assert.Equal(option, error.Option);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_rejected()
    {
        var error = Assert.Throws<KpiRequestException>(() => Parse("retention", ("from", "2018-02-01"), ("to", "2018-01-31")));

        Assert.Contains("after", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_option_values_count_as_not_given()
    {
        Assert.Equal(KpiCatalog.DefaultTop, Parse("top-products", ("top", ""), ("grain", " ")).Top);
    }
}
