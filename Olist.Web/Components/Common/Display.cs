namespace Olist.Web.Components.Common;

/// <summary>How numbers and times read on the pages, in one place so every page agrees.</summary>
public static class Display
{
    /// <summary>A count with thousands separators, such as <c>99,441</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a whole percentage rounded down, so work shows 100% only when it is done.</summary>
    public static string Percent(double fraction) =>
        ((int)Math.Floor(fraction * 100)).ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>A moment in <paramref name="zone"/>, such as <c>2025-06-01 14:05</c>.</summary>
    public static string Moment(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An amount in Brazilian reais, such as <c>R$ 1,234.56</c>.</summary>
    public static string Money(decimal value) => "R$ " + value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An amount in Brazilian reais, such as <c>R$ 1,234.56</c>.</summary>
    public static string Money(double value) => Money((decimal)value);

    /// <summary>A percentage already scaled to 0..100, with one decimal, such as <c>12.3%</c>.</summary>
    public static string Pct(double? value) => value is { } v ? v.ToString("N1", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>A number with <paramref name="digits"/> decimals, such as <c>1.03</c>.</summary>
    public static string Number(double? value, int digits = 2) =>
        value is { } v ? v.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";

    /// <summary>A duration in days with one decimal, such as <c>12.4 d</c>.</summary>
    public static string Days(double value) => value.ToString("N1", CultureInfo.InvariantCulture) + " d";

    /// <summary>A size in whole mebibytes, such as <c>118 MiB</c>.</summary>
    public static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>A rate with one decimal, such as <c>12.4</c>.</summary>
    public static string Rate(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>A short duration, such as <c>0.4 s</c> or <c>12 min</c>; a dash for none.</summary>
    public static string Duration(TimeSpan? value) => value switch
    {
        null => "–",
        { TotalSeconds: < 60 } seconds => seconds.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        { TotalMinutes: < 120 } minutes => minutes.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min",
        var hours => hours.Value.TotalHours.ToString("0", CultureInfo.InvariantCulture) + " h",
    };

    /// <summary>The time of day in <paramref name="zone"/> to the second, such as <c>14:05:09</c>.</summary>
    public static string TimeOfDay(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
