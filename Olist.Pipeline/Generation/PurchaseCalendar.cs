namespace Olist.Pipeline.Generation;

/// <summary>When orders are placed: 25.4 months of history with slow start, steady growth and a flat last year, a weekly rhythm, daytime hours and a Black Friday peak.</summary>
internal static class PurchaseCalendar
{
    /// <summary>Relative orders per weekday, Sunday first (real: Monday and Tuesday busiest, Saturday quietest).</summary>
    private static readonly double[] WeekdayWeights = [0.88, 1.15, 1.13, 1.10, 1.05, 1.00, 0.77];

    /// <summary>Relative orders per hour of the day, from the real purchase timestamps.</summary>
    private static readonly double[] HourWeights =
    [
        2394, 1170, 510, 272, 206, 188, 502, 1231, 2967, 4785, 6177, 6578,
        5995, 6518, 6569, 6454, 6675, 6150, 5769, 5982, 6193, 6217, 5816, 4123,
    ];

    private static readonly WeightedIndex HourPick = new(HourWeights);

    /// <summary>Black Friday sells about six times a normal day.</summary>
    private const double BlackFridayFactor = 6.0;

    /// <summary>The first purchase day: 25 months and 13 days before the last, as in the real data.</summary>
    public static DateOnly FirstDay(DateOnly lastDay) => lastDay.AddMonths(-25).AddDays(-13);

    /// <summary>Purchase timestamps of <paramref name="orders"/> orders in time order, ending on <paramref name="lastDay"/>.</summary>
    public static DateTime[] PurchaseTimes(int orders, DateOnly lastDay, RandomStream random)
    {
        var first = FirstDay(lastDay);
        var days = lastDay.DayNumber - first.DayNumber + 1;
        var weights = new double[days];
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);

            // A logistic curve: few orders in the first months, growth through the first year, flat in the last one.
            var t = (double)d / days;
            var trend = 1.0 / (1.0 + Math.Exp(-12.0 * (t - 0.35)));
            weights[d] = trend * WeekdayWeights[(int)day.DayOfWeek] * (IsBlackFriday(day) ? BlackFridayFactor : 1.0);
        }

        var perDay = new WeightedIndex(weights).Apportion(orders);
        var times = new DateTime[orders];
        var next = 0;
        for (var d = 0; d < days; d++)
        {
            var dayStart = first.AddDays(d).ToDateTime(TimeOnly.MinValue);
            var start = next;
            for (var i = 0; i < perDay[d]; i++)
            {
                times[next++] = dayStart.AddHours(HourPick.Next(random)).AddSeconds(random.Next(3600));
            }

            Array.Sort(times, start, perDay[d]);
        }

        return times;
    }

    /// <summary>The day after the fourth Thursday of November.</summary>
    public static bool IsBlackFriday(DateOnly day)
    {
        if (day.Month != 11 || day.DayOfWeek != DayOfWeek.Friday)
        {
            return false;
        }

        var thursday = day.AddDays(-1);
        return thursday.Day is > 21 and <= 28;
    }
}
