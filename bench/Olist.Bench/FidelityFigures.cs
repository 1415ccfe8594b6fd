using Microsoft.VisualBasic.FileIO;

namespace Olist.Bench;

/// <summary>Computes the figures the generator must match (shares, averages, history) from the generated files themselves.</summary>
internal static class FidelityFigures
{
    public static IEnumerable<(string Figure, string Value)> Measure(string folder)
    {
        var orders = Read(folder, "olist_orders_dataset.csv");
        var items = Read(folder, "olist_order_items_dataset.csv");
        var payments = Read(folder, "olist_order_payments_dataset.csv");
        var customers = Read(folder, "olist_customers_dataset.csv");
        var reviews = Read(folder, "olist_order_reviews_dataset.csv");

        var delivered = orders.Where(o => o[2] == "delivered").ToList();
        yield return ("delivered share of orders (97.0%)", Percent(delivered.Count, orders.Count));

        foreach (var type in new[] { "credit_card", "boleto", "voucher", "debit_card", "not_defined" })
        {
            var rows = payments.Count(p => p[2] == type);
            yield return ($"payment rows {type}", $"{rows:N0} ({Percent(rows, payments.Count)})");
        }

        yield return ("distinct customer_unique_id (96.6%)", Percent(customers.Select(c => c[1]).Distinct().Count(), customers.Count));
        var stateOf = customers.ToDictionary(c => c[0], c => c[4]);
        yield return ("orders from SP (42%)", Percent(orders.Count(o => stateOf[o[1]] == "SP"), orders.Count));

        var itemsPerOrder = items.GroupBy(i => i[0]).Select(g => g.Count()).ToList();
        yield return ("items per order with items (1.14)", Format(itemsPerOrder.Average()));
        yield return ("orders without items (~775)", $"{orders.Count - itemsPerOrder.Count:N0}");

        var deliveredTimed = delivered.Where(o => o[6].Length > 0).ToList();
        yield return ("avg delivery days (12.4)", Format(deliveredTimed.Average(o => (Time(o[6]) - Time(o[3])).TotalDays)));
        yield return ("avg estimated days (~23)", Format(orders.Average(o => (Time(o[7]) - Time(o[3])).TotalDays)));
        yield return ("delivered late (~8%)", Percent(deliveredTimed.Count(o => Time(o[6]).Date > Time(o[7]).Date), deliveredTimed.Count));

        var paid = payments.GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Sum(p => Money(p[4])));
        yield return ("avg payments per order (R$161)", Format(paid.Values.Average()));
        yield return ("orders with >1 payment row (~3%)", Percent(payments.GroupBy(p => p[0]).Count(g => g.Count() > 1), paid.Count));
        yield return ("avg credit card installments (3.5)", Format(payments.Where(p => p[2] == "credit_card").Average(p => int.Parse(p[3], CultureInfo.InvariantCulture))));
        yield return ("total item price / freight", $"{items.Sum(i => Money(i[5])):N2} / {items.Sum(i => Money(i[6])):N2}");

        var purchases = orders.Select(o => Time(o[3])).ToList();
        yield return ("months of history (25.4)", Format((purchases.Max() - purchases.Min()).TotalDays / (365.25 / 12)));
        var fridaysAround = Enumerable.Range(1, 4).SelectMany(w => new[] { -7 * w, 7 * w }).ToList();
        var blackFriday = purchases.Select(p => p.Date).Distinct().Where(d => d.Month == 11 && d.DayOfWeek == DayOfWeek.Friday && d.Day is > 22 and <= 29).Max();
        var normalFriday = fridaysAround.Average(offset => purchases.Count(p => p.Date == blackFriday.AddDays(offset)));
        yield return ("Black Friday / Fridays around (5-7x)", $"{blackFriday:yyyy-MM-dd} {Format(purchases.Count(p => p.Date == blackFriday) / normalFriday)}x");
        yield return ("Monday / Saturday orders", Format((double)purchases.Count(p => p.DayOfWeek == DayOfWeek.Monday) / purchases.Count(p => p.DayOfWeek == DayOfWeek.Saturday)));

        var scores = reviews.GroupBy(r => r[2]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {Percent(g.Count(), reviews.Count)}");
        yield return ("review scores (1 11.5, 2 3.2, 3 8.2, 4 19.3, 5 57.8)", string.Join(", ", scores));
        yield return ("reviews without message (59%)", Percent(reviews.Count(r => r[4].Length == 0), reviews.Count));
    }

    private static List<string[]> Read(string folder, string file)
    {
        using var parser = new TextFieldParser(Path.Combine(folder, file)) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        parser.ReadFields();
        var rows = new List<string[]>();
        while (parser.ReadFields() is { } fields)
        {
            rows.Add(fields);
        }

        return rows;
    }

    private static DateTime Time(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) => FormattableString.Invariant($"{100.0 * part / whole:F2}%");

    private static string Format<T>(T value)
        where T : IFormattable => value.ToString("F2", CultureInfo.InvariantCulture);
}
