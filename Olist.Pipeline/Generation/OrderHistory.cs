using Olist.Pipeline.Catalog;
using Olist.Pipeline.Generation.Reference;

namespace Olist.Pipeline.Generation;

/// <summary>All orders with their customers, items, payments and reviews, in the order the files list them.</summary>
internal sealed record OrderHistory(
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<OrderItem> Items,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<Review> Reviews)
{
    /// <summary>Real share of orders placed by a person who ordered before (99,441 orders by 96,096 people).</summary>
    private const double ReturningCustomerShare = (99_441.0 - 96_096) / 99_441;

    /// <summary>Builds the history in time order, plants the real file's flaws, then shuffles the files' row order as the real files are.</summary>
    public static OrderHistory Build(DatasetSize size, DateOnly lastDay, ZipDirectory zips, IReadOnlyList<Product> products, int seed, CancellationToken cancellationToken)
    {
        var peopleRandom = RandomStream.For(seed, "customers");
        var lifecycle = new OrderLifecycle(RandomStream.For(seed, "lifecycle"));
        var baskets = new BasketFactory(products, RandomStream.For(seed, "items"));
        var plan = new PaymentPlan(RandomStream.For(seed, "payments"));
        var reviewFactory = new ReviewFactory(RandomStream.For(seed, "reviews"));
        var flaws = RandomStream.For(seed, "flaws");
        var statePick = new WeightedIndex(BrazilianStates.All.Select(s => s.CustomerShare));

        var purchases = PurchaseCalendar.PurchaseTimes(size.Orders, lastDay, RandomStream.For(seed, "calendar"));
        var people = new List<(HexId Id, Address Address)>();
        var orders = new Order[size.Orders];
        var items = new List<OrderItem>();
        var payments = new List<Payment>();
        var reviews = new List<Review>();
        for (var i = 0; i < orders.Length; i++)
        {
            if (i % 4_096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (people.Count == 0 || !peopleRandom.Chance(ReturningCustomerShare))
            {
                var state = BrazilianStates.All[statePick.Next(peopleRandom)];
                people.Add((peopleRandom.NextId(), Address.Draw(state, zips, peopleRandom, missingPrefixShare: 0.0028)));
            }
            else
            {
                people.Add(people[peopleRandom.Next(people.Count)]);
            }

            var person = people[^1];
            var order = orders[i] = lifecycle.Draw(new Customer(peopleRandom.NextId(), person.Id, person.Address), purchases[i]);
            var firstItem = items.Count;
            var amount = 0L;
            if (baskets.HasItems(order))
            {
                baskets.AddItems(order, items);
                for (var k = firstItem; k < items.Count; k++)
                {
                    amount += items[k].PriceCents + items[k].FreightCents;
                }
            }
            else
            {
                amount = plan.AmountWithoutItems();
            }

            plan.AddPayments(order, amount, payments);
            reviewFactory.AddReviews(order, reviews);
        }

        PlantFlaws(size, lastDay, orders, items, payments, flaws);
        var fileOrder = flaws.Sample(orders.Length, orders.Length);
        var shuffled = fileOrder.Select(i => orders[i]).ToArray();
        var customers = flaws.Sample(orders.Length, orders.Length).Select(i => orders[i].Customer).ToArray();
        return new OrderHistory(shuffled, customers, InFileOrder(items, shuffled), InFileOrder(payments, shuffled), InFileOrder(reviews, shuffled));
    }

    /// <summary>Rows grouped by order in the order the orders file lists them.</summary>
    private static T[] InFileOrder<T>(List<T> rows, Order[] orderFile)
        where T : class
    {
        var position = new Dictionary<HexId, int>(orderFile.Length);
        for (var i = 0; i < orderFile.Length; i++)
        {
            position[orderFile[i].Id] = i;
        }

        var key = rows.Select(r => position[OrderOf(r).Id]).ToArray();
        var sorted = rows.ToArray();
        var index = Enumerable.Range(0, sorted.Length).ToArray();
        Array.Sort(index, (a, b) => key[a] != key[b] ? key[a].CompareTo(key[b]) : a.CompareTo(b));
        return index.Select(i => sorted[i]).ToArray();
    }

    private static Order OrderOf<T>(T row) => row switch
    {
        OrderItem item => item.Order,
        Payment payment => payment.Order,
        Review review => review.Order,
        _ => throw new ArgumentException($"{typeof(T).Name} rows do not belong to an order.", nameof(row)),
    };

    /// <summary>Plants the real data's flaws at the real rates: delivered orders without delivery date, far-future shipping limits, undefined and zero payments, an order without payment.</summary>
    private static void PlantFlaws(DatasetSize size, DateOnly lastDay, Order[] orders, List<OrderItem> items, List<Payment> payments, RandomStream random)
    {
        var delivered = Enumerable.Range(0, orders.Length).Where(i => orders[i].Delivered is not null).ToArray();
        foreach (var i in random.Sample(delivered.Length, size.Planted(8)))
        {
            // Items and payments keep the earlier record; they only use its id and purchase-side times.
            orders[delivered[i]] = orders[delivered[i]] with { Delivered = null };
        }

        var farFuture = lastDay.AddYears(2).ToDateTime(TimeOnly.MinValue);
        foreach (var i in random.Sample(items.Count, size.Planted(4)))
        {
            items[i] = items[i] with { ShippingLimit = farFuture.AddDays(random.Next(120)).AddSeconds(random.Next(86_400)) };
        }

        var singlePayments = Enumerable.Range(0, payments.Count)
            .Where(i => payments[i].Sequence == 1 && (i + 1 == payments.Count || payments[i + 1].Sequence == 1))
            .ToArray();
        var picks = random.Sample(singlePayments.Length, size.Planted(3) + size.Planted(6) + size.Planted(1)).Select(i => singlePayments[i]).ToArray();
        var notDefined = picks.Take(size.Planted(3));
        foreach (var i in notDefined)
        {
            payments[i] = payments[i] with { Type = PaymentTypes.NotDefined, Installments = 1, ValueCents = 0 };
        }

        var zeroVouchers = picks.Skip(size.Planted(3)).Take(size.Planted(6)).ToArray();
        var withoutPayment = picks.Skip(size.Planted(3) + size.Planted(6)).ToHashSet();
        foreach (var i in zeroVouchers)
        {
            payments.Add(new Payment(payments[i].Order, 2, PaymentTypes.Voucher, 1, 0));
        }

        var unpaid = withoutPayment.Select(i => payments[i]).ToHashSet();
        payments.RemoveAll(unpaid.Contains);
    }
}
