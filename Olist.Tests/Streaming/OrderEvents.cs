namespace Olist.Tests.Streaming;

/// <summary>Hand-written event messages of the contract (events.md), small enough to read in a test.</summary>
internal static class OrderEvents
{
    /// <summary>A valid order_created with one item paid by card; the payment equals price plus freight.</summary>
    public static string Created(
        string orderId, string? eventId = null, string customerId = "c-new", string product = StreamHarness.Product, string price = "89.90", string payment = "102.35",
        string seller = StreamHarness.Seller) => $$$"""
        {"event_id": "{{{eventId ?? "ev-" + orderId}}}", "event_type": "order_created", "schema_version": 1, "timestamp": "2026-11-26T19:03:11.123Z",
         "data": {
           "orders": {"order_id": "{{{orderId}}}", "customer_id": "{{{customerId}}}", "order_status": "created",
                      "order_purchase_timestamp": "2026-11-26T19:03:11.100Z", "order_estimated_delivery_date": "2026-12-09T00:00:00Z"},
           "customers": {"customer_id": "{{{customerId}}}", "customer_unique_id": "u-{{{customerId}}}", "customer_zip_code_prefix": "01037",
                         "customer_city": "sao paulo", "customer_state": "SP"},
           "order_items": [{"order_id": "{{{orderId}}}", "order_item_id": 1, "product_id": "{{{product}}}", "seller_id": "{{{seller}}}",
                            "shipping_limit_date": "2026-11-30T19:03:11Z", "price": {{{price}}}, "freight_value": 12.45}],
           "order_payments": [{"order_id": "{{{orderId}}}", "payment_sequential": 1, "payment_type": "credit_card",
                               "payment_installments": 3, "payment_value": {{{payment}}} }]}}
        """;

    /// <summary>A status change of <paramref name="orderId"/> to <paramref name="status"/>, with the date that status sets.</summary>
    public static string StatusChanged(string orderId, string status, string? eventId = null, string at = "2026-11-27T10:00:00Z")
    {
        var date = status switch
        {
            "approved" => $", \"order_approved_at\": \"{at}\"",
            "shipped" => $", \"order_delivered_carrier_date\": \"{at}\"",
            "delivered" => $", \"order_delivered_customer_date\": \"{at}\"",
            _ => string.Empty,
        };
        return $$$"""
            {"event_id": "{{{eventId ?? $"ev-{orderId}-{status}"}}}", "event_type": "order_status_changed", "timestamp": "{{{at}}}",
             "data": {"orders": {"order_id": "{{{orderId}}}", "order_status": "{{{status}}}"{{{date}}} } } }
            """;
    }

    /// <summary>A message in the original design's format: no event_id, no schema_version, order_initiated, one payment object, numbers as strings.</summary>
    public static string Original(string orderId, string customerId = StreamHarness.KnownCustomer) => $$$"""
        {"event_type": "order_initiated", "timestamp": "2026-11-26T16:03:11-03:00",
         "data": {
           "orders": {"order_id": "{{{orderId}}}", "customer_id": "{{{customerId}}}", "order_status": "created",
                      "order_purchase_timestamp": "2026-11-26T16:03:11-03:00"},
           "order_items": [{"order_id": "{{{orderId}}}", "order_item_id": "1", "product_id": "{{{StreamHarness.Product}}}", "seller_id": "{{{StreamHarness.Seller}}}",
                            "price": "50.00", "freight_value": "10"}],
           "order_payments": {"order_id": "{{{orderId}}}", "payment_sequential": "1", "payment_type": "boleto",
                              "payment_installments": "1", "payment_value": "60.00"} } }
        """;

    /// <summary>Many distinct valid orders.</summary>
    public static IEnumerable<string> ManyCreated(int count, string prefix) =>
        Enumerable.Range(0, count).Select(i => Created($"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}", customerId: $"c-{prefix}-{i.ToString(CultureInfo.InvariantCulture)}"));
}
