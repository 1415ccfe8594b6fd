namespace Olist.Pipeline.Catalog;

/// <summary>The payment types of <c>order_payments.payment_type</c>, as the payments file and the live events write them.</summary>
public static class PaymentTypes
{
    public const string CreditCard = "credit_card";
    public const string Boleto = "boleto";
    public const string Voucher = "voucher";
    public const string DebitCard = "debit_card";
    public const string NotDefined = "not_defined";

    /// <summary>Every payment type there is.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CreditCard, Boleto, Voucher, DebitCard, NotDefined,
    };
}
