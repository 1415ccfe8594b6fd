namespace Olist.Tests.Kpis;

/// <summary>The outlier rule of delivery-times over <see cref="DeliveryOutlierDataset"/>, expected values worked out by hand.</summary>
public sealed class DeliveryOutlierTests(DeliveryOutlierDataset dataset) : IClassFixture<DeliveryOutlierDataset>
{
    public static TheoryData<string> Sources => new(KpiSources.All);

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Only_sellers_with_ten_orders_set_the_fence_and_can_be_outliers(string source)
    {
        var kpis = await dataset.KpisAsync(source);

        // Sellers with >= 10 orders have avg_days 1, 2, 3, 20. Q1 at rank 0.25 * 3 = 0.75: 1 + 0.75 * (2 - 1) = 1.75;
        // Q3 at rank 2.25: 3 + 0.25 * (20 - 3) = 7.25. Fence 7.25 + 1.5 * (7.25 - 1.75) = 15.5: sD (20) is an outlier.
        // sE (50 days) has only 2 orders: never an outlier. Late: delivered after 17 May, so sD (22 May) and sE (21 Jun).
        KpiAssert.Equal(
            [
                new("sA", 10, 1.0, 1.0, 1.0, 0.0, false),
                new("sB", 10, 2.0, 2.0, 2.0, 0.0, false),
                new("sC", 10, 3.0, 3.0, 3.0, 0.0, false),
                new("sD", 10, 20.0, 20.0, 20.0, 100.0, true),
                new("sE", 2, 50.0, 50.0, 50.0, 100.0, false),
            ],
            await kpis.DeliveryTimesAsync(DateRange.All, CancellationToken.None));
    }
}
