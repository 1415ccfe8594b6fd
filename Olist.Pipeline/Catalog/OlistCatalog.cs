namespace Olist.Pipeline.Catalog;

/// <summary>The nine tables of the public Olist dataset, defined once for the generator, the loader and the tests.</summary>
public static class OlistCatalog
{
    private static SourceColumn Id(string name, string description) => new(name, ColumnKind.Identifier, description);

    private static SourceColumn Text(string name, string description) => new(name, ColumnKind.Text, description);

    private static SourceColumn Zip(string name, string description) => new(name, ColumnKind.ZipPrefix, description);

    private static SourceColumn Int(string name, string description) => new(name, ColumnKind.WholeNumber, description);

    private static SourceColumn Money(string name, string description) => new(name, ColumnKind.Money, description);

    private static SourceColumn Real(string name, string description) => new(name, ColumnKind.Real, description);

    private static SourceColumn Time(string name, string description) => new(name, ColumnKind.Timestamp, description);

    /// <summary>Orders: one row per order, with its status and lifecycle timestamps.</summary>
    public static SourceTable Orders { get; } = new(
        "orders",
        "olist_orders_dataset.csv",
        "One row per order placed on the marketplace.",
        [
            Id("order_id", "Unique identifier of the order."),
            Id("customer_id", "The order's customer record; each order has its own customer_id."),
            Text("order_status", "Lifecycle status: created, approved, invoiced, processing, shipped, delivered, canceled or unavailable."),
            Time("order_purchase_timestamp", "When the customer placed the order (local Brazilian time)."),
            Time("order_approved_at", "When the payment was approved."),
            Time("order_delivered_carrier_date", "When the order was handed to the logistics partner."),
            Time("order_delivered_customer_date", "When the customer received the order."),
            Time("order_estimated_delivery_date", "The delivery date promised to the customer at purchase."),
        ],
        ["order_id"],
        FileFormat.Standard);

    /// <summary>Order items: one row per unit sold within an order.</summary>
    public static SourceTable OrderItems { get; } = new(
        "order_items",
        "olist_order_items_dataset.csv",
        "One row per item (unit) of an order.",
        [
            Id("order_id", "The order the item belongs to."),
            Int("order_item_id", "Sequence number of the item within its order, from 1."),
            Id("product_id", "The product sold."),
            Id("seller_id", "The seller who sold it."),
            Time("shipping_limit_date", "The date by which the seller must hand the item to the carrier."),
            Money("price", "Item price in BRL."),
            Money("freight_value", "Freight charged for the item in BRL."),
        ],
        ["order_id", "order_item_id"],
        FileFormat.Standard);

    /// <summary>Order payments: one row per payment part of an order.</summary>
    public static SourceTable OrderPayments { get; } = new(
        "order_payments",
        "olist_order_payments_dataset.csv",
        "One row per payment part of an order; an order may be paid in several parts and types.",
        [
            Id("order_id", "The order paid."),
            Int("payment_sequential", "Sequence number of the payment part within its order, from 1."),
            Text("payment_type", "credit_card, boleto, voucher, debit_card or not_defined."),
            Int("payment_installments", "Number of installments chosen by the customer."),
            Money("payment_value", "Amount paid in this part, in BRL."),
        ],
        ["order_id", "payment_sequential"],
        FileFormat.Standard);

    /// <summary>Order reviews: one row per review a customer left for an order.</summary>
    public static SourceTable OrderReviews { get; } = new(
        "order_reviews",
        "olist_order_reviews_dataset.csv",
        "One row per customer review of an order.",
        [
            Id("review_id", "Identifier of the review; the real data repeats some across orders."),
            Id("order_id", "The order reviewed."),
            Int("review_score", "Satisfaction score from 1 to 5."),
            Text("review_comment_title", "Title of the comment, in Portuguese; often empty."),
            Text("review_comment_message", "Comment text, in Portuguese; may contain line breaks."),
            Time("review_creation_date", "When the satisfaction survey was sent."),
            Time("review_answer_timestamp", "When the customer answered the survey."),
        ],
        ["review_id", "order_id"],
        new FileFormat(QuotedHeader: true, ByteOrderMark: false, LineEnding: "\r\n", FinalNewline: true));

    /// <summary>Customers: one row per order's customer record.</summary>
    public static SourceTable Customers { get; } = new(
        "customers",
        "olist_customers_dataset.csv",
        "One row per customer_id; a person (customer_unique_id) gets a new customer_id with every order.",
        [
            Id("customer_id", "Identifier of the customer record of one order."),
            Id("customer_unique_id", "Identifier of the person; the same across that person's orders."),
            Zip("customer_zip_code_prefix", "First five digits of the customer's zip code."),
            Text("customer_city", "Customer city."),
            Text("customer_state", "Customer state (two-letter code)."),
        ],
        ["customer_id"],
        FileFormat.Standard);

    /// <summary>Sellers: one row per seller on the marketplace.</summary>
    public static SourceTable Sellers { get; } = new(
        "sellers",
        "olist_sellers_dataset.csv",
        "One row per seller.",
        [
            Id("seller_id", "Unique identifier of the seller."),
            Zip("seller_zip_code_prefix", "First five digits of the seller's zip code."),
            Text("seller_city", "Seller city."),
            Text("seller_state", "Seller state (two-letter code)."),
        ],
        ["seller_id"],
        FileFormat.Standard);

    /// <summary>Products: one row per product in the catalog.</summary>
    public static SourceTable Products { get; } = new(
        "products",
        "olist_products_dataset.csv",
        "One row per product; the real file spells two columns 'lenght'.",
        [
            Id("product_id", "Unique identifier of the product."),
            Text("product_category_name", "Category in Portuguese; empty for some products."),
            Int("product_name_lenght", "Number of characters of the product name (sic)."),
            Int("product_description_lenght", "Number of characters of the product description (sic)."),
            Int("product_photos_qty", "Number of published photos."),
            Int("product_weight_g", "Weight in grams."),
            Int("product_length_cm", "Length in centimetres."),
            Int("product_height_cm", "Height in centimetres."),
            Int("product_width_cm", "Width in centimetres."),
        ],
        ["product_id"],
        FileFormat.Standard);

    /// <summary>Geolocation: points (latitude, longitude) per zip code prefix, many per prefix.</summary>
    public static SourceTable Geolocation { get; } = new(
        "geolocation",
        "olist_geolocation_dataset.csv",
        "Points per zip code prefix; many per prefix, with exact duplicates and spelling variants.",
        [
            Zip("geolocation_zip_code_prefix", "First five digits of the zip code."),
            Real("geolocation_lat", "Latitude."),
            Real("geolocation_lng", "Longitude."),
            Text("geolocation_city", "City name, spelled with or without accents."),
            Text("geolocation_state", "State (two-letter code)."),
        ],
        [],
        FileFormat.Standard);

    /// <summary>Category translation: Portuguese category name to English.</summary>
    public static SourceTable CategoryTranslation { get; } = new(
        "product_category_name_translation",
        "product_category_name_translation.csv",
        "Portuguese product category name to its English name.",
        [
            Text("product_category_name", "Category name in Portuguese."),
            Text("product_category_name_english", "Category name in English."),
        ],
        ["product_category_name"],
        new FileFormat(QuotedHeader: false, ByteOrderMark: true, LineEnding: "\r\n", FinalNewline: false));

    /// <summary>All nine tables in dependency order (referenced tables first).</summary>
    public static IReadOnlyList<SourceTable> Tables { get; } =
    [
        CategoryTranslation,
        Geolocation,
        Customers,
        Sellers,
        Products,
        Orders,
        OrderItems,
        OrderPayments,
        OrderReviews,
    ];

    /// <summary>The table whose raw name or file name is <paramref name="nameOrFile"/> (case-insensitive), or null.</summary>
    public static SourceTable? Find(string nameOrFile) =>
        Tables.FirstOrDefault(t =>
            string.Equals(t.Name, nameOrFile, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.FileName, nameOrFile, StringComparison.OrdinalIgnoreCase));
}
