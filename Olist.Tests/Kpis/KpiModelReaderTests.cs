using Olist.Pipeline.Transform.Project;

namespace Olist.Tests.Kpis;

/// <summary>The KPIs read from the models' YAML: what the meta and columns make of a KPI, and clear refusals of a mistake.</summary>
public sealed class KpiModelReaderTests
{
    private static readonly Dictionary<string, string> NoMeta = new(StringComparer.Ordinal);

    [Fact]
    public void A_model_with_kpi_meta_is_a_kpi_with_the_yaml_words_types_options_and_order()
    {
        var kpi = Assert.Single(KpiModelReader.Read([Model(), Model("dim_other", meta: NoMeta)]));

        Assert.Equal(("shipping-mix", "Shipping mix", "What ships how.", "kpi_shipping_mix", "kpis"), (kpi.Name, kpi.Title, kpi.Definition, kpi.Model, kpi.Schema));
        Assert.Equal(["period", "orders", "share"], kpi.ColumnNames);
        Assert.Equal([KpiValueType.Text, KpiValueType.BigInteger, KpiValueType.ApproximateNumber], kpi.Columns.Select(c => c.Type));
        Assert.Equal([false, false, true], kpi.Columns.Select(c => c.Nullable));
        Assert.Equal("Orders shipped.", kpi.Columns[1].Description);
        Assert.Equal([TimeGrain.Week, TimeGrain.Month], kpi.Grains);
        Assert.Equal(TimeGrain.Month, kpi.DefaultGrain);
        Assert.Equal(["grain", "from", "to"], kpi.Options);
        Assert.Equal("SELECT period, orders, share FROM kpis.kpi_shipping_mix WHERE grain = $grain ORDER BY period DESC", kpi.Sql("kpis.kpi_shipping_mix", "$"));
    }

    [Fact]
    public void The_catalog_keeps_the_metrics_md_sections_in_order_and_puts_kpis_without_one_last()
    {
        var kpis = KpiModelReader.Read(
        [
            Model("kpi_c", Meta("c-kpi", ("section", "4.10"))),
            Model("kpi_z", Meta("a-kpi")),
            Model("kpi_b", Meta("b-kpi", ("section", "4.2"))),
        ]);

        Assert.Equal(["b-kpi", "c-kpi", "a-kpi"], kpis.Select(k => k.Name));
    }

    [Theory]
    [InlineData("colour", "unknown KPI meta 'colour'")]
    [InlineData("data_type", "column orders needs data_type")]
    [InlineData("accepted", "needs an accepted_values test")]
    [InlineData("default", "default 'year' is not one of its accepted values")]
    [InlineData("order", "order_by term 'price' must be a documented column")]
    [InlineData("name", "meta kpi 'Shipping Mix' must be lower-case words")]
    public void A_mistake_in_the_yaml_names_the_model_and_what_is_wrong(string mistake, string message)
    {
        var model = mistake switch
        {
            "colour" => Model(meta: Meta("shipping-mix", ("colour", "blue"))),
            "data_type" => Model(orders: Column("orders", "Orders shipped.", dataType: "money")),
            "accepted" => Model(grain: Column("grain", "The grain.", meta: new() { ["option"] = "grain" })),
            "default" => Model(grain: Column("grain", "The grain.", meta: new() { ["option"] = "grain", ["default"] = "year" }, accepted: ["week", "month"])),
            "order" => Model(meta: Meta("shipping-mix", ("order_by", "price"))),
            _ => Model(meta: Meta("Shipping Mix")),
        };

        var error = Assert.Throws<PipelineException>(() => KpiModelReader.Read([model]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(mistake == "colour" ? "model kpi_shipping_mix" : "KPI model kpi_shipping_mix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_binds_to_a_view_by_column_name_and_back()
    {
        var kpi = Assert.Single(KpiModelReader.Read([Model()]));
        var row = new KpiRow(kpi, ["2018-01", 12L, null]);

        var view = row.As<ShippingView>();

        Assert.Equal(new ShippingView("2018-01", 12, null), view);
        Assert.Equal(row.Values, KpiRow.From(kpi, view).Values);
        Assert.Equal(12L, row["orders"]);
        Assert.Throws<KeyNotFoundException>(() => row["units"]);
        Assert.Throws<InvalidOperationException>(() => row.As<UnitsView>());
    }

    private static ModelMetadata Model(
        string name = "kpi_shipping_mix", Dictionary<string, string>? meta = null, ColumnMetadata? grain = null, ColumnMetadata? orders = null) =>
        new(name, "kpis", "What ships how.", meta ?? Meta("shipping-mix"),
        [
            grain ?? Column("grain", "Week or month.", meta: new() { ["option"] = "grain", ["default"] = "month" }, accepted: ["week", "month"]),
            Column("period", "The period.", notNull: true),
            orders ?? Column("orders", "Orders shipped.", dataType: "bigint", notNull: true),
            Column("share", "Share of orders.", dataType: "double"),
            Column("sort_key", "Read to order by.", dataType: "integer", meta: new() { ["returned"] = "false" }),
        ]);

    private static Dictionary<string, string> Meta(string kpi, params (string Key, string Value)[] more)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["kpi"] = kpi, ["title"] = "Shipping mix", ["order_by"] = "period DESC" };
        foreach (var (key, value) in more)
        {
            meta[key] = value;
        }

        return meta;
    }

    private static ColumnMetadata Column(
        string name, string description, string dataType = "varchar", Dictionary<string, string>? meta = null, bool notNull = false, string[]? accepted = null) =>
        new(name, description, dataType, meta ?? new Dictionary<string, string>(StringComparer.Ordinal), notNull, accepted ?? []);

    private sealed record ShippingView(string Period, long Orders, double? Share);

    private sealed record UnitsView(long Units);
}
