using System.Globalization;

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
}
