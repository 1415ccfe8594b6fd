using Xunit.Sdk;

namespace Olist.Tests.Kpis;

/// <summary>
/// Compares KPI rows as the correctness proof requires: the same keys, money equal to the cent, doubles within 1e-9
/// relative, everything else equal. Rows are matched by key, so the order a source returns them in does not matter
/// (rank and offset columns are part of the key where order is the meaning).
/// </summary>
public static class KpiAssert
{
    private const double RelativeTolerance = 1e-9;

    public static void Equal(IReadOnlyList<CustomerGrowthRow> expected, IReadOnlyList<CustomerGrowthRow> actual) => Same(expected, actual, r => r.Month);

    public static void Equal(IReadOnlyList<TopProductRow> expected, IReadOnlyList<TopProductRow> actual) => Same(expected, actual, r => $"{r.Period} #{r.Rank}");

    public static void Equal(IReadOnlyList<SellerSalesRow> expected, IReadOnlyList<SellerSalesRow> actual) => Same(expected, actual, r => $"#{r.Rank}");

    public static void Equal(IReadOnlyList<SalesTrendRow> expected, IReadOnlyList<SalesTrendRow> actual) => Same(expected, actual, r => r.Period);

    public static void Equal(IReadOnlyList<DeliveryTimeRow> expected, IReadOnlyList<DeliveryTimeRow> actual) => Same(expected, actual, r => r.SellerId);

    public static void Equal(IReadOnlyList<OrderValueRow> expected, IReadOnlyList<OrderValueRow> actual) => Same(expected, actual, r => $"{r.State}/{r.City}");

    public static void Equal(IReadOnlyList<PurchaseFrequencyRow> expected, IReadOnlyList<PurchaseFrequencyRow> actual) => Same(expected, actual, r => $"{r.State}/{r.City}");

    public static void Equal(IReadOnlyList<RetentionRow> expected, IReadOnlyList<RetentionRow> actual) => Same(expected, actual, r => $"{r.Cohort}+{r.MonthOffset}");

    public static void Equal(IReadOnlyList<SatisfactionRow> expected, IReadOnlyList<SatisfactionRow> actual) => Same(expected, actual, r => r.Bucket);

    private static void Same<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> key)
        where T : notnull
    {
        var problems = new List<string>();
        var expectedByKey = ByKey(expected, key, "expected", problems);
        var actualByKey = ByKey(actual, key, "actual", problems);
        if (expected.Count != actual.Count)
        {
            problems.Add($"{expected.Count} rows expected, {actual.Count} found");
        }

        problems.AddRange(expectedByKey.Keys.Except(actualByKey.Keys).Select(k => $"missing row {k}: {expectedByKey[k]}"));
        problems.AddRange(actualByKey.Keys.Except(expectedByKey.Keys).Select(k => $"unexpected row {k}: {actualByKey[k]}"));
        foreach (var (k, row) in expectedByKey.Where(e => actualByKey.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var property in typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
            {
                var want = property.GetValue(row);
                var got = property.GetValue(actualByKey[k]);
                if (!ValuesMatch(want, got))
                {
                    problems.Add($"row {k}, {property.Name}: expected {Show(want)}, found {Show(got)}");
                }
            }
        }

        if (problems.Count > 0)
        {
            var message = new StringBuilder($"{typeof(T).Name}: {problems.Count} differences");
            foreach (var problem in problems.Take(25))
            {
                message.Append("\n  ").Append(problem);
            }

            throw new XunitException(message.ToString());
        }
    }

    private static Dictionary<string, T> ByKey<T>(IReadOnlyList<T> rows, Func<T, string> key, string side, List<string> problems)
        where T : notnull
    {
        var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!byKey.TryAdd(key(row), row))
            {
                problems.Add($"{side} rows repeat key {key(row)}");
            }
        }

        return byKey;
    }

    private static bool ValuesMatch(object? expected, object? actual) => (expected, actual) switch
    {
        (double want, double got) => want == got || Math.Abs(want - got) <= RelativeTolerance * Math.Max(Math.Abs(want), Math.Abs(got)),
        _ => Equals(expected, actual),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => $"'{value}'",
    };
}
