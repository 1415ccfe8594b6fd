namespace Olist.Tests.Kpis.Reference;

/// <summary>
/// The nine files of a folder after the cleaning rules of metrics.md section 2 that the KPIs depend on: rules 1-7,
/// deduplication (rule 9) and orphans (rule 10). Geolocation (rule 11) feeds no KPI and is not read.
/// </summary>
/// <remarks>
/// Records that rule 2 quarantines (no primary identifier, an order without status or parseable purchase time) are
/// dropped before deduplication, so a broken last copy of a key does not hide an earlier valid one. Values the
/// contract gives no meaning to for KPIs (an item without product, seller or price, a payment without value)
/// stop the load with an error rather than being guessed.
/// </remarks>
public sealed class CleanDataset
{
    private CleanDataset(
        IReadOnlyList<CleanOrder> orders,
        IReadOnlyDictionary<string, CleanCustomer> customers,
        IReadOnlyList<CleanItem> items,
        IReadOnlyList<CleanPayment> payments,
        IReadOnlyList<CleanReview> reviews,
        IReadOnlyDictionary<string, string> categories,
        IReadOnlyDictionary<string, CleanSeller> sellers)
    {
        Orders = orders;
        Customers = customers;
        ItemsByOrder = items.ToLookup(i => i.OrderId, StringComparer.Ordinal);
        PaymentsByOrder = payments.ToLookup(p => p.OrderId, StringComparer.Ordinal);
        ReviewsByOrder = reviews.ToLookup(r => r.OrderId, StringComparer.Ordinal);
        Categories = categories;
        Sellers = sellers;
    }

    /// <summary>Orders that survived rules 2, 9 and 10 (their customer exists).</summary>
    public IReadOnlyList<CleanOrder> Orders { get; }

    public IReadOnlyDictionary<string, CleanCustomer> Customers { get; }

    /// <summary>Items of surviving orders, by order id.</summary>
    public ILookup<string, CleanItem> ItemsByOrder { get; }

    public ILookup<string, CleanPayment> PaymentsByOrder { get; }

    public ILookup<string, CleanReview> ReviewsByOrder { get; }

    /// <summary>Category of each known product (rule 7); unknown products are absent.</summary>
    public IReadOnlyDictionary<string, string> Categories { get; }

    public IReadOnlyDictionary<string, CleanSeller> Sellers { get; }

    /// <summary>Rule 7 and rule 10: the English category, else the Portuguese one, else <c>unknown</c>, also for products not in the file.</summary>
    public string CategoryOf(string productId) => Categories.GetValueOrDefault(productId) ?? "unknown";

    /// <summary>Reads and cleans the nine files in <paramref name="folder"/>.</summary>
    public static CleanDataset Load(string folder)
    {
        var customers = LastPerKey(
            SourceRecords.Read(folder, OlistCatalog.Customers).Where(r => r["customer_id"] is not null),
            r => r["customer_id"]!,
            r => new CleanCustomer(
                r["customer_id"]!,
                r["customer_unique_id"],
                CleaningRules.Zip(r["customer_zip_code_prefix"]),
                CleaningRules.City(r["customer_city"]),
                CleaningRules.State(r["customer_state"])));

        var orders = LastPerKey(
                SourceRecords.Read(folder, OlistCatalog.Orders)
                    .Where(r => r["order_id"] is not null && r["order_status"] is not null
                        && CleaningRules.Timestamp(r["order_purchase_timestamp"]) is not null),
                r => r["order_id"]!,
                r => new CleanOrder(
                    r["order_id"]!,
                    r["customer_id"]!,
                    CleaningRules.Status(r["order_status"])!,
                    CleaningRules.Timestamp(r["order_purchase_timestamp"])!.Value,
                    CleaningRules.Timestamp(r["order_delivered_customer_date"]),
                    CleaningRules.Timestamp(r["order_estimated_delivery_date"])))
            .Values
            .Where(o => o.CustomerId is not null && customers.ContainsKey(o.CustomerId))
            .ToArray();
        var orderIds = orders.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);

        var items = LastPerKey(
            SourceRecords.Read(folder, OlistCatalog.OrderItems)
                .Where(r => r["order_id"] is not null && CleaningRules.WholeNumber(r["order_item_id"]) is not null),
            r => (r["order_id"]!, CleaningRules.WholeNumber(r["order_item_id"])!.Value),
            r => new CleanItem(
                r["order_id"]!,
                CleaningRules.WholeNumber(r["order_item_id"])!.Value,
                Required(r, "product_id"),
                Required(r, "seller_id"),
                CleaningRules.Money(Required(r, "price")) ?? throw Undefined(r, "price"),
                CleaningRules.Money(Required(r, "freight_value")) ?? throw Undefined(r, "freight_value")));

        var payments = LastPerKey(
            SourceRecords.Read(folder, OlistCatalog.OrderPayments)
                .Where(r => r["order_id"] is not null && CleaningRules.WholeNumber(r["payment_sequential"]) is not null),
            r => (r["order_id"]!, CleaningRules.WholeNumber(r["payment_sequential"])!.Value),
            r => new CleanPayment(
                r["order_id"]!,
                CleaningRules.WholeNumber(r["payment_sequential"])!.Value,
                CleaningRules.Money(Required(r, "payment_value")) ?? throw Undefined(r, "payment_value")));

        var reviews = LastPerKey(
            SourceRecords.Read(folder, OlistCatalog.OrderReviews).Where(r => r["review_id"] is not null && r["order_id"] is not null),
            r => (r["review_id"]!, r["order_id"]!),
            r => new CleanReview(r["review_id"]!, r["order_id"]!, CleaningRules.WholeNumber(r["review_score"])));

        var english = LastPerKey(
            SourceRecords.Read(folder, OlistCatalog.CategoryTranslation).Where(r => r["product_category_name"] is not null),
            r => r["product_category_name"]!,
            r => r["product_category_name_english"]);

        var categories = LastPerKey(
            SourceRecords.Read(folder, OlistCatalog.Products).Where(r => r["product_id"] is not null),
            r => r["product_id"]!,
            r => r["product_category_name"] is { } portuguese ? english.GetValueOrDefault(portuguese) ?? portuguese : "unknown");

        var sellers = LastPerKey(
            SourceRecords.Read(folder, OlistCatalog.Sellers).Where(r => r["seller_id"] is not null),
            r => r["seller_id"]!,
            r => new CleanSeller(
                r["seller_id"]!,
                CleaningRules.Zip(r["seller_zip_code_prefix"]),
                CleaningRules.City(r["seller_city"]),
                CleaningRules.State(r["seller_state"])));

        return new CleanDataset(
            orders,
            customers,
            items.Values.Where(i => orderIds.Contains(i.OrderId)).ToArray(),
            payments.Values.Where(p => orderIds.Contains(p.OrderId)).ToArray(),
            reviews.Values.Where(r => orderIds.Contains(r.OrderId)).ToArray(),
            categories,
            sellers);
    }

    /// <summary>Rule 9: among records with the same key, the last in file order wins.</summary>
    private static Dictionary<TKey, TValue> LastPerKey<TKey, TValue>(
        IEnumerable<SourceRecord> records, Func<SourceRecord, TKey> key, Func<SourceRecord, TValue> clean)
        where TKey : notnull =>
        records
            .GroupBy(key)
            .ToDictionary(g => g.Key, g => clean(g.MaxBy(r => r.Position)!));

    private static string Required(SourceRecord record, string column) => record[column] ?? throw Undefined(record, column);

    private static InvalidDataException Undefined(SourceRecord record, string column) =>
        new($"Record {record.Position + 1} has no valid {column}: the KPI contract does not say how such an item or payment counts.");
}
