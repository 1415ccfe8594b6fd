namespace Olist.Web.Kpis;

/// <summary>A defined term: its name and what it means.</summary>
public sealed record GlossaryEntry(string Term, string Meaning);

/// <summary>
/// The definitions every KPI builds on, in the words of metrics.md section 3. What each KPI and column means is not here:
/// the glossary and the pages read it from the models' YAML through <see cref="KpiCatalog"/>.
/// </summary>
public static class KpiGlossary
{
    /// <summary>The shared definitions every KPI builds on (metrics.md section 3).</summary>
    public static IReadOnlyList<GlossaryEntry> Shared { get; } =
    [
        new("Sales order", "An order whose status is not canceled and not unavailable. Every KPI counts sales orders only, unless it says otherwise."),
        new("Customer", "A person (customer_unique_id), never customer_id, which is one per order. A customer's location for an order is the state and city of that order's customer row."),
        new("Order date and period", "From the purchase timestamp. Day: YYYY-MM-DD; week: ISO week, labelled by its Monday; month: YYYY-MM; year: YYYY."),
        new("Item revenue", "The price of order items. Freight is their freight_value."),
        new("Order value", "The sum of payment_value over the order's payment rows."),
        new("Units", "The number of order item rows: one row is one unit."),
        new("Date range", "Every KPI takes an optional purchase-date range, inclusive at both ends; the KPI is then computed from the orders purchased in it."),
        new("Percentiles", "Continuous: linear interpolation between the closest ranks, like SQL PERCENTILE_CONT."),
    ];
}
