namespace Olist.Web.Components.Kpis;

/// <summary>
/// A KPI by the customer's state with a drill-down into one state's cities: the chosen state is in the address
/// (<c>?state=SP</c>), so a drilled view can be shared like any other.
/// </summary>
/// <typeparam name="TRow">The KPI's row, at state or city level.</typeparam>
public abstract class LocationKpiPage<TRow> : KpiPageBase
{
    /// <summary>The state whose cities are shown; none shows the states.</summary>
    [SupplyParameterFromQuery(Name = "state")]
    public string? StateText { get; set; }

    /// <summary>One row per state.</summary>
    protected IReadOnlyList<TRow> States { get; private set; } = [];

    /// <summary>The cities of <see cref="SelectedState"/>, empty when none is chosen.</summary>
    protected IReadOnlyList<TRow> Cities { get; private set; } = [];

    /// <summary>The state drilled into, when it has rows.</summary>
    protected string? SelectedState { get; private set; }

    /// <summary>Reads the KPI at <paramref name="level"/>.</summary>
    protected abstract Task<IReadOnlyList<TRow>> FetchAsync(LocationLevel level, DateRange range, CancellationToken cancellationToken);

    /// <summary>The state of a row.</summary>
    protected abstract string StateOf(TRow row);

    protected override async Task<bool> LoadAsync(KpiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        States = await FetchAsync(LocationLevel.State, request.Range, cancellationToken);
        SelectedState = States.Select(StateOf).FirstOrDefault(s => string.Equals(s, StateText?.Trim(), StringComparison.OrdinalIgnoreCase));
        Cities = SelectedState is null
            ? []
            : [.. (await FetchAsync(LocationLevel.City, request.Range, cancellationToken)).Where(r => StateOf(r) == SelectedState)];
        return States.Count > 0;
    }

    /// <summary>Drills into <paramref name="state"/>, or back to every state when it is null.</summary>
    protected void SelectState(string? state) => Navigate(new Dictionary<string, object?> { ["state"] = state });
}
