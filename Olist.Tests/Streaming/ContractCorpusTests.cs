using Json.Schema;

namespace Olist.Tests.Streaming;

/// <summary>The event contract (events.md): valid and original-format messages decode, every broken rule gets its reason, the JSON Schema agrees.</summary>
public sealed class ContractCorpusTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Streaming", "order-event.schema.json"))));

    private static readonly string ForeignItemOrder = Set(OrderEvents.Created("o1"), r => r["data"]!["order_items"]![0]!["order_id"] = "another-order");
    private static readonly string TextPrice = Set(OrderEvents.Created("o1"), r => r["data"]!["order_items"]![0]!["price"] = "cheap");
    private static readonly string ItemNumberGap = Set(OrderEvents.Created("o1"), r => r["data"]!["order_items"]![0]!["order_item_id"] = 2);

    /// <summary>Broken messages a JSON Schema cannot tell from valid ones: not JSON at all, or rules across fields; the decoder alone refuses these.</summary>
    private static readonly HashSet<string> DecoderOnlyRules = ["{\"event_type\": \"order_created\", ", "[1, 2]", ForeignItemOrder, ItemNumberGap];

    /// <summary>Messages that follow the contract, current and original format.</summary>
    public static TheoryData<string, string> Valid => new()
    {
        { "created", OrderEvents.Created("o1") },
        { "status_changed", OrderEvents.StatusChanged("o1", "approved") },
        { "original_format", OrderEvents.Original("o2") },
        { "offset_and_string_numbers", OrderEvents.Created("o3", price: "\"89.90\"", payment: "\"102.35\"").Replace("19:03:11.123Z", "16:03:11.123-03:00", StringComparison.Ordinal) },
    };

    /// <summary>One message per rule the decoder enforces, each breaking only that rule.</summary>
    public static TheoryData<string, string> Broken => new()
    {
        { DeadLetterReasons.MalformedJson, "{\"event_type\": \"order_created\", " },
        { DeadLetterReasons.MalformedJson, "[1, 2]" },
        { DeadLetterReasons.UnsupportedSchemaVersion, Set(OrderEvents.Created("o1"), r => r["schema_version"] = 2) },
        { DeadLetterReasons.MissingField("event_type"), Set(OrderEvents.Created("o1"), r => r.Remove("event_type")) },
        { DeadLetterReasons.InvalidValue("event_type"), Set(OrderEvents.Created("o1"), r => r["event_type"] = "order_deleted") },
        { DeadLetterReasons.MissingField("timestamp"), Set(OrderEvents.Created("o1"), r => r.Remove("timestamp")) },
        { DeadLetterReasons.InvalidValue("timestamp"), Set(OrderEvents.Created("o1"), r => r["timestamp"] = "2026-11-26 19:03:11") },
        { DeadLetterReasons.MissingField("orders"), Set(OrderEvents.Created("o1"), r => r["data"]!.AsObject().Remove("orders")) },
        { DeadLetterReasons.MissingField("order_id"), Set(OrderEvents.Created("o1"), r => r["data"]!["orders"]!.AsObject().Remove("order_id")) },
        { DeadLetterReasons.InvalidValue("order_id"), Set(OrderEvents.Created("o1"), r => r["data"]!["orders"]!["order_id"] = "") },
        { DeadLetterReasons.InvalidValue("order_id"), Set(OrderEvents.Created("o1"), r => r["data"]!["orders"]!["order_id"] = new string('x', 65)) },
        { DeadLetterReasons.InvalidValue("order_id"), ForeignItemOrder },
        { DeadLetterReasons.InvalidValue("order_status"), Set(OrderEvents.Created("o1"), r => r["data"]!["orders"]!["order_status"] = "lost") },
        { DeadLetterReasons.MissingField("customer_id"), Set(OrderEvents.Created("o1"), r => r["data"]!["orders"]!.AsObject().Remove("customer_id")) },
        { DeadLetterReasons.MissingField("order_items"), Set(OrderEvents.Created("o1"), r => r["data"]!.AsObject().Remove("order_items")) },
        { DeadLetterReasons.MissingField("order_payments"), Set(OrderEvents.Created("o1"), r => r["data"]!.AsObject().Remove("order_payments")) },
        { DeadLetterReasons.InvalidValue("price"), Set(OrderEvents.Created("o1"), r => r["data"]!["order_items"]![0]!["price"] = 0) },
        { DeadLetterReasons.InvalidValue("price"), Set(OrderEvents.Created("o1"), r => r["data"]!["order_items"]![0]!["price"] = 1_000_000.01) },
        { DeadLetterReasons.InvalidValue("price"), TextPrice },
        { DeadLetterReasons.InvalidValue("freight_value"), Set(OrderEvents.Created("o1"), r => r["data"]!["order_items"]![0]!["freight_value"] = -0.5) },
        { DeadLetterReasons.InvalidValue("order_item_id"), ItemNumberGap },
        { DeadLetterReasons.InvalidValue("payment_sequential"), Set(OrderEvents.Created("o1"), r => r["data"]!["order_payments"]![0]!["payment_sequential"] = 0) },
        { DeadLetterReasons.InvalidValue("payment_installments"), Set(OrderEvents.Created("o1"), r => r["data"]!["order_payments"]![0]!["payment_installments"] = 25) },
        { DeadLetterReasons.InvalidValue("payment_type"), Set(OrderEvents.Created("o1"), r => r["data"]!["order_payments"]![0]!["payment_type"] = "pix") },
        { DeadLetterReasons.MissingField("customer_unique_id"), Set(OrderEvents.Created("o1"), r => r["data"]!["customers"]!.AsObject().Remove("customer_unique_id")) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_messages_decode_and_satisfy_the_schema(string name, string json)
    {
        var decoded = OrderEventDecoder.Decode(Encoding.UTF8.GetBytes(json), "message-1");

        Assert.True(decoded.Event is not null, $"{name}: {decoded.Rejection}");
        Assert.True(Schema.Value.Evaluate(System.Text.Json.JsonDocument.Parse(json).RootElement).IsValid, $"{name} should satisfy the schema");
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_messages_get_the_reason_of_the_rule_they_break(string reason, string json)
    {
        var decoded = OrderEventDecoder.Decode(Encoding.UTF8.GetBytes(json), "message-1");

        Assert.Null(decoded.Event);
        Assert.Equal(reason, decoded.Rejection!.Reason);
        if (!DecoderOnlyRules.Contains(json))
        {
            Assert.False(Schema.Value.Evaluate(System.Text.Json.JsonDocument.Parse(json).RootElement).IsValid, $"the schema should refuse a message with {reason}");
        }
    }

    [Fact]
    public void Original_format_is_read_with_the_message_id_as_key_and_order_created_as_type()
    {
        var decoded = OrderEventDecoder.Decode(Encoding.UTF8.GetBytes(OrderEvents.Original("o2")), "message-7").Event!;

        Assert.Equal("message-7", decoded.EventKey);
        Assert.Equal(EventTypes.OrderCreated, decoded.EventType);
        var payment = Assert.Single(decoded.Payments);
        Assert.Equal(60.00m, payment.PaymentValue);
        Assert.Equal(1, Assert.Single(decoded.Items).OrderItemId);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 19, 3, 11, TimeSpan.Zero), decoded.Order.PurchaseTimestamp);
        Assert.False(decoded.HasPaymentMismatch);
    }

    [Fact]
    public void A_message_over_256_KiB_is_too_large_and_a_payment_gap_is_only_flagged()
    {
        var large = new byte[OrderVocabulary.MaxMessageBytes + 1];
        Assert.Equal(DeadLetterReasons.TooLarge, OrderEventDecoder.Decode(large, "m").Rejection!.Reason);

        var mismatch = OrderEventDecoder.Decode(Encoding.UTF8.GetBytes(OrderEvents.Created("o1", payment: "102.37")), "m").Event!;
        Assert.True(mismatch.HasPaymentMismatch);
        var withinCent = OrderEventDecoder.Decode(Encoding.UTF8.GetBytes(OrderEvents.Created("o1", payment: "102.36")), "m").Event!;
        Assert.False(withinCent.HasPaymentMismatch);
    }

    [Theory]
    [InlineData("created", "approved", true)]
    [InlineData("created", "delivered", true)]
    [InlineData("approved", "shipped", true)]
    [InlineData("shipped", "canceled", true)]
    [InlineData("processing", "unavailable", true)]
    [InlineData("shipped", "approved", false)]
    [InlineData("approved", "approved", false)]
    [InlineData("delivered", "canceled", false)]
    [InlineData("delivered", "created", false)]
    [InlineData("canceled", "approved", false)]
    [InlineData("unavailable", "canceled", false)]
    public void Lifecycle_moves_forward_and_ends_for_good(string from, string to, bool allowed) =>
        Assert.Equal(allowed, OrderStatusTransitions.IsAllowed(from, to));

    private static string Set(string json, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
