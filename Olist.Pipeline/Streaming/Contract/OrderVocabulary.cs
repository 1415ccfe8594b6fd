using Olist.Pipeline.Generation;

namespace Olist.Pipeline.Streaming.Contract;

/// <summary>The closed value sets and limits of the contract's value rules.</summary>
public static class OrderVocabulary
{
    /// <summary>Largest message the consumer decodes: 256 KiB.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>Longest identifier accepted.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Highest accepted item price.</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>Most installments a payment may have.</summary>
    public const int MaxInstallments = 24;

    /// <summary>The only schema version there is; a missing version means this one.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Accepted <c>payment_type</c> values.</summary>
    public static IReadOnlySet<string> PaymentTypeNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PaymentTypes.CreditCard, PaymentTypes.Boleto, PaymentTypes.Voucher, PaymentTypes.DebitCard, PaymentTypes.NotDefined,
    };

    /// <summary>Accepted <c>order_status</c> values.</summary>
    public static IReadOnlySet<string> OrderStatusNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrderStatuses.Created, OrderStatuses.Approved, OrderStatuses.Invoiced, OrderStatuses.Processing,
        OrderStatuses.Shipped, OrderStatuses.Delivered, OrderStatuses.Canceled, OrderStatuses.Unavailable,
    };
}
