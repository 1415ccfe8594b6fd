using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Streaming.Contract;

/// <summary>
/// The order lifecycle: forward along created, approved, invoiced, processing, shipped, delivered (steps may be
/// skipped); canceled and unavailable from any state before delivered; nothing leaves delivered, canceled or unavailable.
/// </summary>
public static class OrderStatusTransitions
{
    private static readonly string[] ForwardPath =
    [
        OrderStatuses.Created, OrderStatuses.Approved, OrderStatuses.Invoiced,
        OrderStatuses.Processing, OrderStatuses.Shipped, OrderStatuses.Delivered,
    ];

    /// <summary>True when an order may move from <paramref name="from"/> to <paramref name="to"/>; staying put is no move.</summary>
    public static bool IsAllowed(string from, string to)
    {
        if (IsFinal(from))
        {
            return false;
        }

        if (to is OrderStatuses.Canceled or OrderStatuses.Unavailable)
        {
            return true;
        }

        // Batch data may hold statuses outside the path; such an order can only be canceled.
        var fromStep = Array.IndexOf(ForwardPath, from);
        var toStep = Array.IndexOf(ForwardPath, to);
        return fromStep >= 0 && toStep > fromStep;
    }

    /// <summary>True for the states nothing leaves.</summary>
    public static bool IsFinal(string status) =>
        status is OrderStatuses.Delivered or OrderStatuses.Canceled or OrderStatuses.Unavailable;
}
