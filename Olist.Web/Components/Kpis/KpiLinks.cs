namespace Olist.Web.Components.Kpis;

/// <summary>The addresses of the KPI pages, carrying the shared date range so it follows the analyst from page to page.</summary>
public static class KpiLinks
{
    /// <summary>The page of the KPI called <paramref name="name"/>, with the range in its query string.</summary>
    public static string Page(string name, DateRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return "kpi/" + name + Query(range);
    }

    /// <summary><c>?from=..&amp;to=..</c> for a bounded range, empty for every order.</summary>
    public static string Query(DateRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var parts = new List<string>(2);
        if (range.From is { } from)
        {
            parts.Add("from=" + Date(from));
        }

        if (range.To is { } to)
        {
            parts.Add("to=" + Date(to));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    /// <summary>A date as the query string and the KPI options write it.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The range in a query string; a missing or unreadable end is open.</summary>
    public static DateRange RangeOf(string? from, string? to) => new(Parse(from), Parse(to));

    private static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
