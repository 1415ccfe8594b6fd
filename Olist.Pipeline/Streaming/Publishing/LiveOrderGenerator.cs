using System.Buffers;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Generation;
using Olist.Pipeline.Streaming.Contract;

namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>
/// Makes realistic order events over a <see cref="LiveCatalog"/>: existing products at prices within their historic
/// range from their own sellers, existing and new customers, multi-item baskets, split payments with installments, and
/// later status changes along the lifecycle; plus, on request, duplicates and invalid messages of known reasons.
/// </summary>
public sealed class LiveOrderGenerator
{
    private static readonly WeightedIndex ItemCount = new([89, 7.5, 2, 1, 0.5]);
    private static readonly WeightedIndex CardInstallments = new([25, 12, 10, 7, 5, 4, 2, 4, 1, 5]);
    private static readonly string[] InvalidKinds =
    [
        DeadLetterReasons.MalformedJson, DeadLetterReasons.MissingField("order_id"), DeadLetterReasons.InvalidValue("price"),
        DeadLetterReasons.UnsupportedSchemaVersion, DeadLetterReasons.UnknownProduct, DeadLetterReasons.UnknownCustomer,
        DeadLetterReasons.IllegalTransition,
    ];

    private readonly LiveCatalog _catalog;
    private readonly LiveGeneratorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly RandomStream _random;
    private readonly PriorityQueue<PlannedChange, DateTimeOffset> _changes = new();
    private readonly List<byte[]> _resendable = [];
    private readonly List<string> _finishedOrders = [];

    public LiveOrderGenerator(LiveCatalog catalog, LiveGeneratorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _options = options;
        _timeProvider = timeProvider;
        _random = RandomStream.For(options.Seed, "live-orders");
    }

    /// <summary>The next message: a duplicate or invalid one by their shares, else a due status change, else a new order.</summary>
    public GeneratedMessage Next()
    {
        var now = _timeProvider.GetUtcNow();
        if (_resendable.Count > 0 && _random.Chance(_options.DuplicateShare))
        {
            return new GeneratedMessage(_resendable[_random.Next(_resendable.Count)], GeneratedMessage.Duplicate);
        }

        if (_random.Chance(_options.InvalidShare))
        {
            // An illegal transition needs an order that reached its end; until one has, break another rule.
            var reason = InvalidKinds[_random.Next(_finishedOrders.Count > 0 ? InvalidKinds.Length : InvalidKinds.Length - 1)];
            return new GeneratedMessage(Invalid(reason, now), GeneratedMessage.Invalid, reason);
        }

        if (_changes.TryPeek(out _, out var due) && due <= now)
        {
            return Remember(new GeneratedMessage(StatusChange(_changes.Dequeue(), now), GeneratedMessage.StatusChanged));
        }

        var body = NewOrder(now, live: true, out var eventId);
        return Remember(new GeneratedMessage(body, GeneratedMessage.Created), eventId is not null);
    }

    private GeneratedMessage Remember(GeneratedMessage message, bool resendable = true)
    {
        if (resendable)
        {
            // A bounded window of recent events to duplicate, like a storefront retrying a publish.
            if (_resendable.Count == 1000)
            {
                _resendable.RemoveAt(_random.Next(_resendable.Count));
            }

            _resendable.Add(message.Body);
        }

        return message;
    }

    /// <summary>A new order; a <paramref name="live"/> one gets its later status changes planned.</summary>
    private byte[] NewOrder(DateTimeOffset now, bool live, out string? eventId)
    {
        var orderId = NewId();
        var (customerId, customer) = ChooseCustomer();
        var items = Basket(orderId, now);
        var payments = Payments(orderId, items.Sum(i => i.Price + i.FreightValue));
        var order = new OrderFields(orderId, customerId, OrderStatuses.Created, now, null, null, null, now.Date.AddDays(_random.Between(7, 25)));
        if (live)
        {
            PlanLifecycle(orderId, now);
        }

        var original = live && _random.Chance(_options.OriginalFormatShare);
        var id = original ? null : NewEventId();
        eventId = id;
        return Json(w => WriteCreated(w, id, now, order, customer, items, payments, original));
    }

    /// <summary>Existing people order again under a new customer_id (sometimes reusing one), new people get an existing customer's address.</summary>
    private (string CustomerId, CustomerFields? Customer) ChooseCustomer()
    {
        var existing = _catalog.Customers[_random.Next(_catalog.Customers.Count)];
        var roll = _random.NextDouble();
        if (roll < 0.1)
        {
            return (existing.CustomerId, null);
        }

        var customerId = NewId();
        var personId = roll < 0.5 ? existing.CustomerUniqueId : NewId();
        return (customerId, new CustomerFields(customerId, personId, existing.ZipCodePrefix, existing.City, existing.State));
    }

    private List<OrderItemFields> Basket(string orderId, DateTimeOffset now)
    {
        var count = ItemCount.Next(_random) + 1;
        var items = new List<OrderItemFields>(count);
        var product = PickProduct();
        for (var sequence = 1; sequence <= count; sequence++)
        {
            if (sequence > 1 && _random.Chance(0.45))
            {
                product = PickProduct();
            }

            var seller = product.SellerIds[_random.Next(product.SellerIds.Count)];
            var price = Math.Round(product.MinPrice + ((product.MaxPrice - product.MinPrice) * (decimal)_random.NextDouble()), 2);
            var freight = Math.Round((decimal)_random.LogNormal(17, 0.5), 2);
            items.Add(new OrderItemFields(orderId, sequence, product.ProductId, seller, now.AddDays(_random.Between(3, 8)), Math.Max(price, 0.01m), freight));
        }

        return items;
    }

    private CatalogProduct PickProduct()
    {
        // Best sellers come first in the catalog; squaring the uniform favours them.
        var u = _random.NextDouble();
        return _catalog.Products[(int)(u * u * _catalog.Products.Count)];
    }

    /// <summary>Mostly one card or boleto payment; some cards split with a voucher; amounts add up to the total exactly.</summary>
    private List<PaymentFields> Payments(string orderId, decimal total)
    {
        var roll = _random.NextDouble();
        var type = roll switch
        {
            < 0.74 => PaymentTypes.CreditCard,
            < 0.94 => PaymentTypes.Boleto,
            < 0.98 => PaymentTypes.Voucher,
            _ => PaymentTypes.DebitCard,
        };
        var payments = new List<PaymentFields>();
        var voucher = type == PaymentTypes.CreditCard && _random.Chance(0.05) ? Math.Round(total * (decimal)(0.1 + (0.3 * _random.NextDouble())), 2) : 0m;
        var installments = type == PaymentTypes.CreditCard ? CardInstallments.Next(_random) + 1 : 1;
        payments.Add(new PaymentFields(orderId, 1, type, installments, total - voucher));
        if (voucher > 0)
        {
            payments.Add(new PaymentFields(orderId, 2, PaymentTypes.Voucher, 1, voucher));
        }

        return payments;
    }

    /// <summary>Plans the order's later statuses: most go the whole way (some skipping steps), a few are canceled.</summary>
    private void PlanLifecycle(string orderId, DateTimeOffset now)
    {
        string[] path = _random.NextDouble() switch
        {
            < 0.03 => [OrderStatuses.Canceled],
            < 0.05 => [OrderStatuses.Approved, OrderStatuses.Canceled],
            < 0.55 => [OrderStatuses.Approved, OrderStatuses.Invoiced, OrderStatuses.Shipped, OrderStatuses.Delivered],
            _ => [OrderStatuses.Approved, OrderStatuses.Invoiced, OrderStatuses.Processing, OrderStatuses.Shipped, OrderStatuses.Delivered],
        };
        var at = now;
        for (var i = 0; i < path.Length; i++)
        {
            // At least a tick apart: equal priorities would let the queue reorder one order's own changes.
            at += (_options.EffectiveStatusChangeDelay * (0.5 + _random.NextDouble())) + TimeSpan.FromTicks(1);
            _changes.Enqueue(new PlannedChange(orderId, path[i], i == path.Length - 1), at);
        }
    }

    private byte[] StatusChange(PlannedChange change, DateTimeOffset now)
    {
        if (change.Final)
        {
            _finishedOrders.Add(change.OrderId);
        }

        var order = new OrderFields(
            change.OrderId,
            null,
            change.Status,
            null,
            change.Status == OrderStatuses.Approved ? now : null,
            change.Status == OrderStatuses.Shipped ? now : null,
            change.Status == OrderStatuses.Delivered ? now : null,
            null);
        return Json(w => WriteStatusChange(w, NewEventId(), now, order));
    }

    /// <summary>A message that breaks exactly the rule of <paramref name="reason"/>.</summary>
    private byte[] Invalid(string reason, DateTimeOffset now)
    {
        var valid = Encoding.UTF8.GetString(NewOrder(now, live: false, out _));
        return reason switch
        {
            DeadLetterReasons.MalformedJson => Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]),
            DeadLetterReasons.UnsupportedSchemaVersion => Rewrite(valid, root => root["schema_version"] = 2),
            DeadLetterReasons.UnknownProduct => Rewrite(valid, root => root["data"]!["order_items"]![0]!["product_id"] = "no-such-product-" + NewId()),
            DeadLetterReasons.UnknownCustomer => Rewrite(valid, root =>
            {
                root["data"]!.AsObject().Remove("customers");
                root["data"]!["orders"]!["customer_id"] = NewId();
            }),
            DeadLetterReasons.IllegalTransition => Json(w => WriteStatusChange(
                w, NewEventId(), now, new OrderFields(_finishedOrders[_random.Next(_finishedOrders.Count)], null, OrderStatuses.Approved, null, now, null, null, null))),
            var other when other == DeadLetterReasons.InvalidValue("price") => Rewrite(valid, root => root["data"]!["order_items"]![0]!["price"] = -1),
            var other when other == DeadLetterReasons.MissingField("order_id") => Rewrite(valid, root => root["data"]!["orders"]!.AsObject().Remove("order_id")),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "The generator has no message for this reason."),
        };
    }

    private static byte[] Rewrite(string json, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static void WriteCreated(
        Utf8JsonWriter w, string? eventId, DateTimeOffset now, OrderFields order, CustomerFields? customer,
        List<OrderItemFields> items, List<PaymentFields> payments, bool original)
    {
        w.WriteStartObject();
        if (!original)
        {
            w.WriteString("event_id", eventId);
            w.WriteNumber("schema_version", OrderVocabulary.SchemaVersion);
        }

        w.WriteString("event_type", original ? EventTypes.OrderInitiated : EventTypes.OrderCreated);
        w.WriteString("timestamp", now);
        w.WriteStartObject("data");
        w.WriteStartObject("orders");
        w.WriteString("order_id", order.OrderId);
        w.WriteString("customer_id", order.CustomerId);
        w.WriteString("order_status", order.OrderStatus);
        w.WriteString("order_purchase_timestamp", now);
        w.WriteString("order_estimated_delivery_date", order.EstimatedDeliveryDate!.Value);
        w.WriteEndObject();
        if (customer is not null)
        {
            w.WriteStartObject("customers");
            w.WriteString("customer_id", customer.CustomerId);
            w.WriteString("customer_unique_id", customer.CustomerUniqueId);
            w.WriteString("customer_zip_code_prefix", customer.ZipCodePrefix);
            w.WriteString("customer_city", customer.City);
            w.WriteString("customer_state", customer.State);
            w.WriteEndObject();
        }

        w.WriteStartArray("order_items");
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("order_id", item.OrderId);
            Number(w, "order_item_id", item.OrderItemId, original);
            w.WriteString("product_id", item.ProductId);
            w.WriteString("seller_id", item.SellerId);
            w.WriteString("shipping_limit_date", item.ShippingLimitDate!.Value);
            Number(w, "price", item.Price, original);
            Number(w, "freight_value", item.FreightValue, original);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (original && payments.Count == 1)
        {
            WritePayment(w, "order_payments", payments[0], original);
        }
        else
        {
            w.WriteStartArray("order_payments");
            foreach (var payment in payments)
            {
                WritePayment(w, null, payment, original);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePayment(Utf8JsonWriter w, string? name, PaymentFields payment, bool original)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("order_id", payment.OrderId);
        Number(w, "payment_sequential", payment.PaymentSequential, original);
        w.WriteString("payment_type", payment.PaymentType);
        Number(w, "payment_installments", payment.PaymentInstallments, original);
        Number(w, "payment_value", payment.PaymentValue, original);
        w.WriteEndObject();
    }

    private static void WriteStatusChange(Utf8JsonWriter w, string eventId, DateTimeOffset now, OrderFields order)
    {
        w.WriteStartObject();
        w.WriteString("event_id", eventId);
        w.WriteString("event_type", EventTypes.OrderStatusChanged);
        w.WriteNumber("schema_version", OrderVocabulary.SchemaVersion);
        w.WriteString("timestamp", now);
        w.WriteStartObject("data");
        w.WriteStartObject("orders");
        w.WriteString("order_id", order.OrderId);
        w.WriteString("order_status", order.OrderStatus);
        WriteInstant(w, "order_approved_at", order.ApprovedAt);
        WriteInstant(w, "order_delivered_carrier_date", order.DeliveredCarrierDate);
        WriteInstant(w, "order_delivered_customer_date", order.DeliveredCustomerDate);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            w.WriteString(name, instant);
        }
    }

    /// <summary>The original format sent numbers as strings; the current one as JSON numbers.</summary>
    private static void Number(Utf8JsonWriter w, string name, decimal value, bool asString)
    {
        if (asString)
        {
            w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNumber(name, value);
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private string NewId() => _random.NextId().ToString();

    private string NewEventId()
    {
        var hex = NewId();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private sealed record PlannedChange(string OrderId, string Status, bool Final);
}
