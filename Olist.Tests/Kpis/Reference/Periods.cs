namespace Olist.Tests.Kpis.Reference;

/// <summary>Purchase periods of metrics.md section 3: their first day, their label, and every period between two.</summary>
public static class Periods
{
    /// <summary>The first day of the period holding <paramref name="day"/>; an ISO week starts on Monday.</summary>
    public static DateOnly Start(DateOnly day, TimeGrain grain) => grain switch
    {
        TimeGrain.Day => day,
        TimeGrain.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        TimeGrain.Month => new DateOnly(day.Year, day.Month, 1),
        TimeGrain.Year => new DateOnly(day.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(grain), grain, null),
    };

    /// <summary>day and week <c>YYYY-MM-DD</c> (a week by its Monday), month <c>YYYY-MM</c>, year <c>YYYY</c>.</summary>
    public static string Label(DateOnly start, TimeGrain grain) => start.ToString(
        grain switch
        {
            TimeGrain.Month => "yyyy-MM",
            TimeGrain.Year => "yyyy",
            _ => "yyyy-MM-dd",
        },
        CultureInfo.InvariantCulture);

    /// <summary>The label of the period holding <paramref name="day"/>.</summary>
    public static string LabelOf(DateOnly day, TimeGrain grain) => Label(Start(day, grain), grain);

    /// <summary>The starts of every period from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>, gaps included.</summary>
    public static IEnumerable<DateOnly> Between(DateOnly first, DateOnly last, TimeGrain grain)
    {
        for (var start = Start(first, grain); start <= last; start = Next(start, grain))
        {
            yield return start;
        }
    }

    /// <summary>Whole calendar months from <paramref name="earlier"/>'s month to <paramref name="later"/>'s.</summary>
    public static int MonthsBetween(DateOnly earlier, DateOnly later) => ((later.Year - earlier.Year) * 12) + later.Month - earlier.Month;

    private static DateOnly Next(DateOnly start, TimeGrain grain) => grain switch
    {
        TimeGrain.Day => start.AddDays(1),
        TimeGrain.Week => start.AddDays(7),
        TimeGrain.Month => start.AddMonths(1),
        _ => start.AddYears(1),
    };
}
