namespace Olist.Tests.Warehouse;

/// <summary>fact_sales allocates each order's payments to its items in proportion to price + freight, to the cent.</summary>
[Collection(SharedBuiltWarehouse.Name)]
public sealed class PaymentAllocationTests(BuiltWarehouse warehouse)
{
    [Fact]
    public async Task Each_order_allocates_exactly_its_payments_and_each_item_its_share_within_a_cent()
    {
        var items = await warehouse.QueryAsync("""
            SELECT s.order_id, s.price + s.freight_value, s.allocated_payment, coalesce(p.paid, 0)
            FROM marts.fact_sales AS s
            LEFT JOIN (SELECT CAST(order_id AS VARCHAR) AS order_id, SUM(CAST(payment_value AS DECIMAL(18, 2))) AS paid
                       FROM raw.order_payments GROUP BY order_id) AS p ON p.order_id = s.order_id
            """);
        var orders = items.GroupBy(row => (string)row[0]!).ToList();

        Assert.True(orders.Count > 1000);
        foreach (var order in orders)
        {
            var paid = Money(order.First()[3]);
            var weight = order.Sum(row => Money(row[1]));
            Assert.Equal(paid, order.Sum(row => Money(row[2])));
            foreach (var row in order)
            {
                var share = weight == 0 ? paid / order.Count() : paid * Money(row[1]) / weight;
                Assert.True(Math.Abs(Money(row[2]) - share) < 0.01m, $"order {order.Key}: {row[2]} for a share of {share}");
            }
        }
    }

    [Fact]
    public async Task Items_of_orders_without_payments_get_nothing()
    {
        var unpaid = await warehouse.QueryAsync("""
            SELECT s.allocated_payment
            FROM marts.fact_sales AS s
            WHERE s.order_id NOT IN (SELECT order_id FROM raw.order_payments)
            """);

        Assert.NotEmpty(unpaid);
        Assert.All(unpaid, row => Assert.Equal(0m, Money(row[0])));
    }

    [Fact]
    public async Task A_cent_too_many_on_one_item_fails_the_allocation_test()
    {
        const string item = "(SELECT order_id, order_item_id FROM marts.fact_sales ORDER BY order_id, order_item_id LIMIT 1)";
        await warehouse.QueryAsync($"UPDATE marts.fact_sales SET allocated_payment = allocated_payment + 0.01 WHERE (order_id, order_item_id) IN {item}");
        try
        {
            var run = await warehouse.Project.TestAsync(new TestRequest(), null, CancellationToken.None);

            var failed = Assert.Single(run.Tests, t => t.Status == RunStatus.Fail);
            Assert.Equal("fact_sales_allocation_matches_payments", failed.Name);
            Assert.Equal(1, failed.Failures);
        }
        finally
        {
            await warehouse.QueryAsync($"UPDATE marts.fact_sales SET allocated_payment = allocated_payment - 0.01 WHERE (order_id, order_item_id) IN {item}");
        }
    }

    private static decimal Money(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
