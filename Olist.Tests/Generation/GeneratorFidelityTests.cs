namespace Olist.Tests.Generation;

/// <summary>The real dataset's figures, measured on a small generated dataset with bounds looser than the (fewer rows, more noise).</summary>
[Collection(SharedGeneratedDataset.Name)]
public sealed class GeneratorFidelityTests(GeneratedDataset dataset)
{
    private const double Scale = GeneratedDataset.Scale;

    [Theory]
    [InlineData("orders", 99_441, 0.0)]
    [InlineData("customers", 99_441, 0.0)]
    [InlineData("products", 32_951, 0.0)]
    [InlineData("sellers", 3_095, 0.0)]
    [InlineData("geolocation", 1_000_163, 0.0)]
    [InlineData("order_items", 112_650, 0.05)]
    [InlineData("order_payments", 103_886, 0.05)]
    [InlineData("order_reviews", 99_224, 0.03)]
    public void Row_counts_scale_the_real_ones(string tableName, int realRows, double tolerance)
    {
        var rows = dataset.Document(OlistCatalog.Find(tableName)!).Records.Count;
        var expected = realRows * Scale;
        Assert.InRange(rows, (expected * (1 - tolerance)) - 1, (expected * (1 + tolerance)) + 1);
    }

    [Fact]
    public void Statuses_are_mostly_delivered()
    {
        var orders = dataset.Rows(OlistCatalog.Orders);
        Assert.InRange(Share(orders, o => o["order_status"] == "delivered"), 95.5, 98.5);
        Assert.Contains(orders, o => o["order_status"] == "shipped");
        Assert.Contains(orders, o => o["order_status"] == "canceled");
    }

    [Fact]
    public void Payment_types_and_installments_match_the_real_mix()
    {
        var payments = dataset.Rows(OlistCatalog.OrderPayments);
        Assert.InRange(Share(payments, p => p["payment_type"] == "credit_card"), 70.9, 76.9);
        Assert.InRange(Share(payments, p => p["payment_type"] == "boleto"), 16.0, 22.0);
        Assert.InRange(Share(payments, p => p["payment_type"] == "voucher"), 3.6, 7.6);
        Assert.InRange(Share(payments, p => p["payment_type"] == "debit_card"), 0.5, 2.5);

        var cards = payments.Where(p => p["payment_type"] == "credit_card").Select(p => Whole(p["payment_installments"])).ToList();
        Assert.InRange(cards.Average(), 3.1, 3.9);
        Assert.InRange(cards.Max(), 10, 24);
        Assert.All(payments.Where(p => p["payment_type"] != "credit_card"), p => Assert.Equal("1", p["payment_installments"]));
        var partsPerOrder = payments.GroupBy(p => p["order_id"]).Select(g => g.Count()).ToList();
        Assert.InRange(100.0 * partsPerOrder.Count(c => c > 1) / partsPerOrder.Count, 1.5, 4.5);
    }

    [Fact]
    public void Some_people_order_several_times()
    {
        var customers = dataset.Rows(OlistCatalog.Customers);
        Assert.Equal(customers.Count, customers.Select(c => c["customer_id"]).Distinct().Count());
        Assert.InRange(100.0 * customers.Select(c => c["customer_unique_id"]).Distinct().Count() / customers.Count, 95.1, 98.1);
    }

    [Fact]
    public void Orders_come_from_the_real_states()
    {
        var stateOf = dataset.Rows(OlistCatalog.Customers).ToDictionary(c => c["customer_id"], c => c["customer_state"]);
        var orders = dataset.Rows(OlistCatalog.Orders);
        Assert.InRange(Share(orders, o => stateOf[o["customer_id"]] == "SP"), 38.0, 46.0);
        Assert.InRange(Share(orders, o => stateOf[o["customer_id"]] == "RJ"), 10.0, 16.0);
        Assert.InRange(Share(orders, o => stateOf[o["customer_id"]] == "MG"), 9.0, 14.5);

        var sellers = dataset.Rows(OlistCatalog.Sellers);
        Assert.InRange(Share(sellers, s => s["seller_state"] == "SP"), 50.0, 70.0);
    }

    [Fact]
    public void Orders_hold_about_one_item_and_pay_for_their_items()
    {
        var items = dataset.Rows(OlistCatalog.OrderItems);
        var perOrder = items.GroupBy(i => i["order_id"]).ToDictionary(g => g.Key, g => g.Sum(i => Money(i["price"]) + Money(i["freight_value"])));
        Assert.InRange((double)items.Count / perOrder.Count, 1.09, 1.19);
        Assert.InRange(items.GroupBy(i => i["order_id"]).Max(g => g.Count()), 4, 21);
        Assert.InRange(items.Average(i => (double)Money(i["freight_value"])), 17.0, 23.0);
        var prices = items.Select(i => (double)Money(i["price"])).Order().ToList();
        Assert.InRange(prices[prices.Count / 2], 55.0, 100.0);
        Assert.InRange(prices.Average(), 95.0, 150.0);

        var paid = dataset.Rows(OlistCatalog.OrderPayments).GroupBy(p => p["order_id"]).ToDictionary(g => g.Key, g => g.Sum(p => Money(p["payment_value"])));
        Assert.InRange((double)paid.Values.Average(), 161 * 0.88, 161 * 1.12);
        var matching = perOrder.Count(o => paid.TryGetValue(o.Key, out var value) && value == o.Value);
        Assert.InRange(matching, perOrder.Count - 10, perOrder.Count);
    }

    [Fact]
    public void Deliveries_take_about_twelve_days_against_a_promise_of_about_twenty_three()
    {
        var delivered = dataset.Rows(OlistCatalog.Orders).Where(o => o["order_status"] == "delivered" && o["order_delivered_customer_date"].Length > 0).ToList();
        var days = delivered.Select(o => (Time(o["order_delivered_customer_date"]) - Time(o["order_purchase_timestamp"])).TotalDays).ToList();
        var promised = delivered.Select(o => (Time(o["order_estimated_delivery_date"]) - Time(o["order_purchase_timestamp"])).TotalDays).ToList();

        Assert.InRange(days.Average(), 10.4, 14.4);
        Assert.All(days, d => Assert.True(d > 0));
        Assert.InRange(promised.Average(), 19.0, 27.0);
        Assert.InRange(Share(delivered, o => Time(o["order_delivered_customer_date"]).Date > Time(o["order_estimated_delivery_date"]).Date), 4.0, 12.0);
        Assert.All(delivered, o => Assert.EndsWith("00:00:00", o["order_estimated_delivery_date"], StringComparison.Ordinal));
    }

    [Fact]
    public void History_spans_25_months_with_growth_a_weekly_rhythm_and_black_friday()
    {
        var purchases = dataset.Rows(OlistCatalog.Orders).Select(o => Time(o["order_purchase_timestamp"])).ToList();
        var first = purchases.Min();
        var last = purchases.Max();
        Assert.Equal(GeneratedDataset.EndDate, DateOnly.FromDateTime(last));
        Assert.InRange((last - first).TotalDays / (365.25 / 12), 25.0, 25.8);

        Assert.True(purchases.Count(p => p < first.AddMonths(3)) * 5 < purchases.Count(p => p > last.AddMonths(-3)));
        var lastYear = purchases.Where(p => p > last.AddYears(-1)).ToList();
        Assert.True(lastYear.Count(p => p.DayOfWeek == DayOfWeek.Monday) > lastYear.Count(p => p.DayOfWeek == DayOfWeek.Saturday) * 1.2);

        var blackFriday = new DateTime(2017, 11, 24);
        var fridaysAround = Enumerable.Range(1, 4).SelectMany(w => new[] { blackFriday.AddDays(-7 * w), blackFriday.AddDays(7 * w) }).ToHashSet();
        var normalFriday = purchases.Count(p => fridaysAround.Contains(p.Date)) / 8.0;
        Assert.InRange(purchases.Count(p => p.Date == blackFriday), normalFriday * 3.5, normalFriday * 9);
    }

    [Fact]
    public void Reviews_are_mostly_five_stars_and_worse_for_late_deliveries()
    {
        var reviews = dataset.Rows(OlistCatalog.OrderReviews);
        Assert.InRange(Share(reviews, r => r["review_score"] == "5"), 53.8, 61.8);
        Assert.InRange(Share(reviews, r => r["review_score"] == "1"), 8.5, 14.5);
        Assert.InRange(Share(reviews, r => r["review_comment_message"].Length == 0), 54.0, 64.0);
        Assert.InRange(Share(reviews, r => r["review_comment_title"].Length == 0), 84.0, 92.0);

        var orders = dataset.Rows(OlistCatalog.Orders).ToDictionary(o => o["order_id"]);
        var late = orders.Values.Where(o => o["order_delivered_customer_date"].Length > 0 && Time(o["order_delivered_customer_date"]).Date > Time(o["order_estimated_delivery_date"]).Date)
            .Select(o => o["order_id"]).ToHashSet();
        var lateScore = reviews.Where(r => late.Contains(r["order_id"])).Average(r => Whole(r["review_score"]));
        var onTimeScore = reviews.Where(r => !late.Contains(r["order_id"])).Average(r => Whole(r["review_score"]));
        Assert.True(lateScore + 1 < onTimeScore, $"late {lateScore}, on time {onTimeScore}");

        foreach (var review in reviews)
        {
            var created = Time(review["review_creation_date"]);
            Assert.Equal(created.Date, created);
            Assert.True(Time(review["review_answer_timestamp"]) > created);
            var delivered = orders[review["order_id"]]["order_delivered_customer_date"];
            Assert.True(delivered.Length == 0 || created >= Time(delivered).Date);
        }
    }

    private static double Share<T>(IReadOnlyCollection<T> rows, Func<T, bool> predicate) => 100.0 * rows.Count(predicate) / rows.Count;

    private static DateTime Time(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static int Whole(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
