using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Generation;

/// <summary>Splits an order's amount into payment rows: one part mostly, card plus vouchers for some, installments for cards.</summary>
internal sealed class PaymentPlan(RandomStream random)
{
    /// <summary>Real number of credit card payments with 1, 2, ... 24 installments (mean about 3.5).</summary>
    private static readonly double[] RealCardPaymentsByInstallments =
    [
        25_455, 12_413, 10_461, 7_098, 5_239, 3_920, 1_626, 4_268, 644, 5_328, 23, 133,
        16, 15, 74, 5, 8, 27, 0, 17, 3, 1, 1, 18,
    ];

    private static readonly WeightedIndex InstallmentPick = new(RealCardPaymentsByInstallments);

    /// <summary>Share of card orders also paid with vouchers (2.9%), which makes about 3% of orders multi-part.</summary>
    private const double CardWithVoucherShare = 0.0293;

    public void AddPayments(Order order, long amountCents, List<Payment> payments)
    {
        var parts = order.PaymentMethod switch
        {
            PaymentTypes.CreditCard when random.Chance(CardWithVoucherShare) => 1 + Vouchers(0.42),
            PaymentTypes.Voucher => Vouchers(0.3),
            _ => 1,
        };

        // The main method takes the first part and whatever the vouchers leave.
        var remaining = amountCents;
        var values = new long[parts];
        for (var i = parts - 1; i > 0; i--)
        {
            values[i] = (long)Math.Round(remaining * (0.05 + (0.45 * random.NextDouble())));
            remaining -= values[i];
        }

        values[0] = remaining;
        for (var i = 0; i < parts; i++)
        {
            var type = i == 0 ? order.PaymentMethod : PaymentTypes.Voucher;
            var installments = type == PaymentTypes.CreditCard ? InstallmentPick.Next(random) + 1 : 1;
            payments.Add(new Payment(order, i + 1, type, installments, values[i]));
        }
    }

    /// <summary>A typical amount for an order without items (real ones still carry a payment).</summary>
    public long AmountWithoutItems() => (long)Math.Round(random.LogNormal(10_000, 0.8));

    /// <summary>One voucher plus more with the given chance each, as vouchers come in runs.</summary>
    private int Vouchers(double anotherChance)
    {
        var count = 1;
        while (count < 20 && random.Chance(anotherChance))
        {
            count++;
        }

        return count;
    }
}
