using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Streaming.Contract;

/// <summary>
/// Turns a message's bytes into an <see cref="OrderEvent"/> or the rejection that dead-letters it, applying the
/// structural and value rules of events.md and its compatibility rules for the original message format. Rules that
/// need the warehouse (unknown product, order, transition) are the consumer's.
/// </summary>
public static class OrderEventDecoder
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };
    private static readonly KnownNames EventTypeNames = new(EventTypes.Names);
    private static readonly KnownNames OrderStatusNames = new(OrderStatuses.All);
    private static readonly KnownNames PaymentTypeNames = new(PaymentTypes.All);

    /// <summary>Decodes <paramref name="body"/>, the bus message <paramref name="messageId"/>; never throws for bad input.</summary>
    public static DecodedMessage Decode(ReadOnlyMemory<byte> body, string messageId)
    {
        if (body.Length > OrderVocabulary.MaxMessageBytes)
        {
            return DecodedMessage.Rejected(DeadLetterReasons.TooLarge, $"{body.Length} bytes, the limit is {OrderVocabulary.MaxMessageBytes}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return DecodedMessage.Rejected(DeadLetterReasons.MalformedJson, ex.Message.ReplaceLineEndings(" "));
        }

        using (document)
        {
            try
            {
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? DecodeEnvelope(document.RootElement, messageId)
                    : DecodedMessage.Rejected(DeadLetterReasons.MalformedJson, $"the message is a JSON {document.RootElement.ValueKind}, not an object");
            }
            catch (InvalidOperationException ex)
            {
                // Strings are only checked for valid UTF-8 when read.
                return DecodedMessage.Rejected(DeadLetterReasons.MalformedJson, ex.Message.ReplaceLineEndings(" "));
            }
        }
    }

    private static DecodedMessage DecodeEnvelope(JsonElement root, string messageId)
    {
        if (SchemaVersionRejection(root) is { } versionRejection)
        {
            return new DecodedMessage(null, versionRejection);
        }

        var reader = new FieldReader();
        var eventId = reader.Id(root, "event_id", "event", required: false);
        var typeText = reader.KnownText(root, "event_type", "event", EventTypeNames);
        var eventType = typeText is null ? null : EventTypes.Normalise(typeText);
        if (typeText is not null && eventType is null)
        {
            reader.Fail(DeadLetterReasons.InvalidValue("event_type"), $"event.event_type '{typeText}' is not order_created, order_status_changed or order_initiated");
        }

        var timestamp = reader.Instant(root, "timestamp", "event", required: true);
        var data = reader.Object(root, "data", "event", required: true);
        var orders = data is { } d ? reader.Object(d, "orders", "data", required: true) : null;
        if (reader.Failed || data is null || orders is null || eventType is null || timestamp is null)
        {
            return new DecodedMessage(null, reader.Rejection);
        }

        var creation = eventType == EventTypes.OrderCreated;
        var order = ReadOrder(reader, orders.Value, creation);
        var customer = reader.Object(data.Value, "customers", "data", required: false) is { } c ? ReadCustomer(reader, c, order) : null;
        var items = creation ? ReadItems(reader, data.Value, order) : [];
        var payments = creation ? ReadPayments(reader, data.Value, order) : [];
        return reader.Rejection is { } rejection
            ? new DecodedMessage(null, rejection)
            : DecodedMessage.Of(new OrderEvent(eventId ?? messageId, eventType, timestamp.Value, order!, customer, items, payments));
    }

    /// <summary>A missing version means 1; any other version is refused before its shape is read, as it may differ.</summary>
    private static Rejection? SchemaVersionRejection(JsonElement root)
    {
        if (FieldReader.Optional(root, "schema_version") is not { } version)
        {
            return null;
        }

        var text = version.ValueKind == JsonValueKind.String ? version.GetString() : version.GetRawText();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return new Rejection(DeadLetterReasons.InvalidValue("schema_version"), $"event.schema_version '{text}' is not a whole number");
        }

        return number == OrderVocabulary.SchemaVersion
            ? null
            : new Rejection(DeadLetterReasons.UnsupportedSchemaVersion, $"schema_version {number}; this consumer reads version {OrderVocabulary.SchemaVersion}");
    }

    private static OrderFields? ReadOrder(FieldReader reader, JsonElement orders, bool creation)
    {
        const string path = "data.orders";
        var orderId = reader.Id(orders, "order_id", path);
        var customerId = reader.Id(orders, "customer_id", path, required: creation);
        var status = reader.OneOf(orders, "order_status", path, OrderStatusNames);
        var purchase = reader.Instant(orders, "order_purchase_timestamp", path, required: creation);
        var approved = reader.Instant(orders, "order_approved_at", path, required: false);
        var carrier = reader.Instant(orders, "order_delivered_carrier_date", path, required: false);
        var delivered = reader.Instant(orders, "order_delivered_customer_date", path, required: false);
        var estimated = reader.Instant(orders, "order_estimated_delivery_date", path, required: false);
        return reader.Failed ? null : new OrderFields(orderId!, customerId, status!, purchase, approved, carrier, delivered, estimated);
    }

    private static CustomerFields? ReadCustomer(FieldReader reader, JsonElement customers, OrderFields? order)
    {
        const string path = "data.customers";
        var customerId = reader.Id(customers, "customer_id", path);
        var uniqueId = reader.Id(customers, "customer_unique_id", path);
        var zip = reader.Text(customers, "customer_zip_code_prefix", path, required: false);
        var city = reader.Text(customers, "customer_city", path, required: false);
        var state = reader.Text(customers, "customer_state", path, required: false);
        if (!reader.Failed && order?.CustomerId is { } orderCustomer && customerId != orderCustomer)
        {
            reader.Fail(DeadLetterReasons.InvalidValue("customer_id"), $"{path}.customer_id differs from data.orders.customer_id");
        }

        return reader.Failed ? null : new CustomerFields(customerId!, uniqueId!, zip, city, state);
    }

    private static List<OrderItemFields> ReadItems(FieldReader reader, JsonElement data, OrderFields? order)
    {
        var items = new List<OrderItemFields>();
        if (reader.Required(data, "order_items", "data") is not { } array)
        {
            return items;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            reader.Fail(DeadLetterReasons.InvalidValue("order_items"), "data.order_items must be a non-empty array");
            return items;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = new FieldPath("data.order_items", index++);
            if (!IsObject(reader, element, "order_items", path))
            {
                return items;
            }

            var orderId = SameOrder(reader, element, path, order);
            var sequence = reader.WholeNumber(element, "order_item_id", path, 1, int.MaxValue);
            var product = reader.Id(element, "product_id", path);
            var seller = reader.Id(element, "seller_id", path);
            var limit = reader.Instant(element, "shipping_limit_date", path, required: false);
            var price = reader.Money(element, "price", path, p => p is > 0 and <= OrderVocabulary.MaxPrice, "more than 0 and at most 1,000,000");
            var freight = reader.Money(element, "freight_value", path, f => f >= 0, "at least 0");
            if (reader.Failed)
            {
                return items;
            }

            items.Add(new OrderItemFields(orderId!, sequence, product!, seller!, limit, price, freight));
        }

        if (!NumberedWithoutGaps(items))
        {
            var sequences = items.Select(i => i.OrderItemId).Order().ToArray();
            reader.Fail(DeadLetterReasons.InvalidValue("order_item_id"), $"data.order_items must be numbered 1..{sequences.Length} without gaps, are {string.Join(",", sequences)}");
        }

        return items;
    }

    /// <summary>Payments come as an array, or in the original format as one object.</summary>
    private static List<PaymentFields> ReadPayments(FieldReader reader, JsonElement data, OrderFields? order)
    {
        var payments = new List<PaymentFields>();
        if (reader.Required(data, "order_payments", "data") is not { } value)
        {
            return payments;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            ReadPayment(reader, value, new FieldPath("data.order_payments", 0), order, payments);
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (!ReadPayment(reader, element, new FieldPath("data.order_payments", index++), order, payments))
                {
                    return payments;
                }
            }
        }
        else
        {
            reader.Fail(DeadLetterReasons.InvalidValue("order_payments"), "data.order_payments must be an object or a non-empty array");
            return payments;
        }

        if (reader.Failed)
        {
            return payments;
        }

        if (RepeatsSequential(payments))
        {
            reader.Fail(DeadLetterReasons.InvalidValue("payment_sequential"), "data.order_payments repeats a payment_sequential");
        }

        return payments;
    }

    /// <summary>Reads one payment part into <paramref name="payments"/>; false once a rule is broken.</summary>
    private static bool ReadPayment(FieldReader reader, JsonElement element, FieldPath path, OrderFields? order, List<PaymentFields> payments)
    {
        if (!IsObject(reader, element, "order_payments", path))
        {
            return false;
        }

        var orderId = SameOrder(reader, element, path, order);
        var sequence = reader.WholeNumber(element, "payment_sequential", path, 1, int.MaxValue);
        var type = reader.OneOf(element, "payment_type", path, PaymentTypeNames);
        var installments = reader.WholeNumber(element, "payment_installments", path, 0, OrderVocabulary.MaxInstallments);
        var amount = reader.Money(element, "payment_value", path, v => v >= 0, "at least 0");
        if (reader.Failed)
        {
            return false;
        }

        payments.Add(new PaymentFields(orderId!, sequence, type!, installments, amount));
        return true;
    }

    /// <summary>Items are numbered 1..n in any order: every number in range, none twice.</summary>
    private static bool NumberedWithoutGaps(List<OrderItemFields> items)
    {
        var seen = new bool[items.Count + 1];
        foreach (var item in items)
        {
            if (item.OrderItemId < 1 || item.OrderItemId > items.Count || seen[item.OrderItemId])
            {
                return false;
            }

            seen[item.OrderItemId] = true;
        }

        return true;
    }

    private static bool RepeatsSequential(List<PaymentFields> payments)
    {
        for (var index = 1; index < payments.Count; index++)
        {
            for (var earlier = 0; earlier < index; earlier++)
            {
                if (payments[earlier].PaymentSequential == payments[index].PaymentSequential)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsObject(FieldReader reader, JsonElement element, string field, FieldPath path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        reader.Fail(DeadLetterReasons.InvalidValue(field), $"{path} is not an object");
        return false;
    }

    /// <summary>An item or payment belongs to the event's order; another order id would write rows of a foreign order.</summary>
    private static string? SameOrder(FieldReader reader, JsonElement element, FieldPath path, OrderFields? order)
    {
        var orderId = reader.Id(element, "order_id", path);
        if (orderId is not null && order is not null && orderId != order.OrderId)
        {
            reader.Fail(DeadLetterReasons.InvalidValue("order_id"), $"{path}.order_id differs from data.orders.order_id");
        }

        return orderId;
    }
}
