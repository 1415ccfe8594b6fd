namespace Olist.Tests.Kpis;

/// <summary>
/// On generated data, every KPI variant served by the warehouse equals the independent C# reference over the same
/// files: same rows and keys, money to the cent, doubles within 1e-9 relative.
/// </summary>
public sealed class GeneratedDataKpiTests(GeneratedKpiDataset dataset) : IClassFixture<GeneratedKpiDataset>
{
    public static TheoryData<string> Variants => new(KpiVariants.Names);

    [Theory]
    [MemberData(nameof(Variants))]
    public Task Warehouse_kpi_equals_the_reference(string variant) =>
        KpiVariants.CompareAsync(variant, dataset.Reference, dataset.Pipeline.Kpis);

    [Fact]
    public async Task The_comparison_covers_real_rows()
    {
        // A comparison of two empty answers would prove nothing: the generated data must give every KPI rows.
        var reference = dataset.Reference;
        var all = DateRange.All;
        Assert.True((await reference.CustomerGrowthAsync(all, default)).Count >= 20);
        Assert.Contains(await reference.DeliveryTimesAsync(all, default), r => r.DeliveredOrders >= 10);
        Assert.Equal(5, (await reference.SatisfactionAsync(all, default)).Count);
        Assert.Contains(await reference.RetentionAsync(all, default), r => r.MonthOffset > 0 && r.ActiveCustomers > 0);
        Assert.Contains(await reference.OrderValueAsync(LocationLevel.City, KpiVariants.Range, default), r => r.Orders > 1);
    }
}
