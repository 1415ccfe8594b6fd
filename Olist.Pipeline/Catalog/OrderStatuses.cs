namespace Olist.Pipeline.Catalog;

/// <summary>The order statuses of <c>orders.order_status</c>, as the orders file and the live events write them.</summary>
public static class OrderStatuses
{
    public const string Created = "created";
    public const string Approved = "approved";
    public const string Invoiced = "invoiced";
    public const string Processing = "processing";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Canceled = "canceled";
    public const string Unavailable = "unavailable";

    /// <summary>Every status there is.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Created, Approved, Invoiced, Processing, Shipped, Delivered, Canceled, Unavailable,
    };
}
