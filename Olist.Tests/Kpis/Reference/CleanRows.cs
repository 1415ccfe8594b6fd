namespace Olist.Tests.Kpis.Reference;

/// <summary>A cleaned order: status lower case, timestamps parsed (null when they do not parse).</summary>
public sealed record CleanOrder(
    string OrderId, string CustomerId, string Status, DateTime Purchase, DateTime? DeliveredToCustomer, DateTime? EstimatedDelivery)
{
    /// <summary>metrics.md section 3: every status except canceled and unavailable is a sale.</summary>
    public bool IsSale => Status is not ("canceled" or "unavailable");

    public DateOnly PurchaseDay => DateOnly.FromDateTime(Purchase);
}

/// <summary>A cleaned order item: one unit sold.</summary>
public sealed record CleanItem(string OrderId, int ItemNumber, string ProductId, string SellerId, decimal Price, decimal Freight);

/// <summary>A cleaned payment part of an order.</summary>
public sealed record CleanPayment(string OrderId, int Sequential, decimal Value);

/// <summary>A cleaned review of an order.</summary>
public sealed record CleanReview(string ReviewId, string OrderId, int? Score);

/// <summary>A cleaned customer record (one per order): the person and the order's location.</summary>
public sealed record CleanCustomer(string CustomerId, string? UniqueId, string? Zip, string? City, string? State);

/// <summary>A cleaned seller with its location.</summary>
public sealed record CleanSeller(string SellerId, string? Zip, string? City, string? State);
