namespace Olist.Web.Components.Kpis;

/// <summary>Names downloaded files after the selection they hold, so two downloads of different ranges never collide.</summary>
public static class KpiFiles
{
    /// <summary><c>2017-01-01_2017-12-31</c>, <c>from-2017-01-01</c>, or <c>all</c> for every order.</summary>
    public static string Suffix(DateRange range, params string?[] options)
    {
        ArgumentNullException.ThrowIfNull(range);
        var span = (range.From, range.To) switch
        {
            (null, null) => "all",
            ({ } from, null) => "from-" + KpiLinks.Date(from),
            (null, { } to) => "to-" + KpiLinks.Date(to),
            ({ } from, { } to) => KpiLinks.Date(from) + "_" + KpiLinks.Date(to),
        };
        return string.Join('-', options.Where(o => !string.IsNullOrEmpty(o)).Prepend(span));
    }
}
