namespace Olist.Tests.Streaming;

/// <summary>Generated events decode and format to what the general time zone conversion and number formatting give.</summary>
public sealed class DecodeFormatPropertyTests
{
    private static readonly HashSet<string> DecoderReasons =
        [DeadLetterReasons.MalformedJson, DeadLetterReasons.MissingField("order_id"), DeadLetterReasons.InvalidValue("price"), DeadLetterReasons.UnsupportedSchemaVersion];

    [Fact]
    public void Generated_events_format_like_the_general_conversion_and_invalid_ones_get_their_reason()
    {
        var products = Enumerable.Range(0, 200).Select(i => new CatalogProduct(Id("p", i), 5m + i, 9m + (i * 3), [Id("s", i % 30)])).ToList();
        var customers = Enumerable.Range(0, 200).Select(i => new CatalogCustomer(Id("c", i), Id("u", i), "01037", "sao paulo", "SP")).ToList();
        var generator = new LiveOrderGenerator(
            new LiveCatalog(products, customers), new LiveGeneratorOptions(Seed: 3, InvalidShare: 0.1, StatusChangeDelay: TimeSpan.Zero), new SteppingTime());
        var (accepted, rejected) = (0, 0);
        for (var i = 0; i < 4000; i++)
        {
            var message = generator.Next();
            var decoded = OrderEventDecoder.Decode(message.Body, "m");
            if (message.ExpectedReason is { } reason && DecoderReasons.Contains(reason))
            {
                Assert.Equal(reason, decoded.Rejection?.Reason);
                rejected++;
            }
            else if (decoded.Event is { } orderEvent)
            {
                AssertFormatted(orderEvent, EventRows.Of(orderEvent, version: default));
                accepted++;
            }
        }

        Assert.True(accepted > 3000 && rejected > 100, $"{accepted} accepted, {rejected} rejected");
    }

    [Fact]
    public void Local_times_match_the_zone_across_daylight_saving_and_the_1914_change()
    {
        foreach (var start in new[] { new DateTimeOffset(1913, 12, 30, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2015, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 2, 1, 0, 0, 0, TimeSpan.Zero) })
        {
            for (var instant = start; instant < start.AddDays(60); instant = instant.AddSeconds(997.3))
            {
                Assert.Equal(Expected(instant), SaoPauloTime.ToBatchText(instant));
            }
        }
    }

    private static void AssertFormatted(OrderEvent orderEvent, EventRows rows)
    {
        Assert.Equal(Expected(orderEvent.Order.PurchaseTimestamp), rows.Order.PurchaseTimestamp);
        Assert.Equal(Expected(orderEvent.Order.ApprovedAt), rows.Order.ApprovedAt);
        Assert.Equal(Expected(orderEvent.Order.DeliveredCarrierDate), rows.Order.DeliveredCarrierDate);
        Assert.Equal(Expected(orderEvent.Order.DeliveredCustomerDate), rows.Order.DeliveredCustomerDate);
        Assert.Equal(Expected(orderEvent.Order.EstimatedDeliveryDate), rows.Order.EstimatedDeliveryDate);
        Assert.Equal(orderEvent.Items.Count, rows.Items.Length);
        for (var i = 0; i < orderEvent.Items.Count; i++)
        {
            var item = orderEvent.Items[i];
            IEnumerable<string?> expected = [item.OrderId, Whole(item.OrderItemId), item.ProductId, item.SellerId, Expected(item.ShippingLimitDate), Money(item.Price), Money(item.FreightValue)];
            Assert.Equal(expected, rows.Items[i]);
        }

        Assert.Equal(orderEvent.Payments.Count, rows.Payments.Length);
        for (var i = 0; i < orderEvent.Payments.Count; i++)
        {
            var payment = orderEvent.Payments[i];
            IEnumerable<string?> expected = [payment.OrderId, Whole(payment.PaymentSequential), payment.PaymentType, Whole(payment.PaymentInstallments), Money(payment.PaymentValue)];
            Assert.Equal(expected, rows.Payments[i]);
        }
    }

    private static string? Expected(DateTimeOffset? instant) =>
        instant is { } value ? TimeZoneInfo.ConvertTime(value, SaoPauloTime.Zone).DateTime.ToString(SaoPauloTime.BatchFormat, CultureInfo.InvariantCulture) : null;

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Id(string kind, int index) => kind + index.ToString("x31", CultureInfo.InvariantCulture);

    /// <summary>A clock that moves 37 minutes per reading, so generated instants cross daylight saving changes.</summary>
    private sealed class SteppingTime : TimeProvider
    {
        private DateTimeOffset _now = new(2015, 9, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now = _now.AddMinutes(37.123457);
    }
}
