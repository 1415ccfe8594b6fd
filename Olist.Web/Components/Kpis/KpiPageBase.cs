using Olist.Web.Components.Common;

namespace Olist.Web.Components.Kpis;

/// <summary>
/// A KPI page: reads its options and the shared date range from the query string (so a view can be bookmarked and
/// shared), validates them like the API does, loads its rows once the circuit is interactive and its frame says the data
/// is ready, and writes option changes back to the address.
/// </summary>
public abstract class KpiPageBase : PageComponent
{
    private CancellationTokenSource? _loading;
    private bool _dataReady;

    [Inject]
    protected IKpiService Kpis { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>First purchase day of the shared range, <c>YYYY-MM-DD</c>.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>Last purchase day of the shared range, <c>YYYY-MM-DD</c>.</summary>
    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    /// <summary>The KPI of the page.</summary>
    protected KpiDefinition Kpi => Kpis.Catalog[KpiName];

    /// <summary>The name of the page's KPI, as its model's YAML gives it.</summary>
    protected abstract string KpiName { get; }

    protected LoadState State { get; private set; } = LoadState.Waiting;

    /// <summary>Why the page has no data, when <see cref="State"/> is <see cref="LoadState.Failed"/>.</summary>
    protected string? Problem { get; private set; }

    /// <summary>The validated request of the latest load, with defaults filled in.</summary>
    protected KpiRequest? Request { get; private set; }

    /// <summary>The date range of the address, open ends where it names none.</summary>
    protected DateRange Range => Request?.Range ?? KpiLinks.RangeOf(From, To);

    /// <summary>The page's own options from the query string (grain, level, top), null where not given.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Options { get; } = new Dictionary<string, string?>();

    /// <summary>Reads the rows for <paramref name="request"/>; returns whether there is anything to show.</summary>
    protected abstract Task<bool> LoadAsync(KpiRequest request, CancellationToken cancellationToken);

    protected override Task OnParametersSetAsync() => _dataReady ? ReloadAsync() : Task.CompletedTask;

    /// <summary>
    /// Loads the rows: the frame calls it once the data is ready, at once or when the first run finishes while the page
    /// is open; from then on every change of the address loads again.
    /// </summary>
    protected Task DataReadyAsync()
    {
        _dataReady = true;
        return ReloadAsync();
    }

    /// <summary>Puts new values of query parameters into the address; null removes one. The page reloads from it.</summary>
    protected void Navigate(IReadOnlyDictionary<string, object?> changes) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes));

    private async Task ReloadAsync()
    {
        // Prerendering has no circuit to show the result on: the interactive render loads, so the query runs once.
        if (!RendererInfo.IsInteractive)
        {
            State = LoadState.Waiting;
            return;
        }

        KpiRequest request;
        try
        {
            request = Kpis.Catalog.Parse(KpiName, new Dictionary<string, string?>(Options) { ["from"] = From, ["to"] = To });
        }
        catch (KpiRequestException ex)
        {
            Fail(ex.Message);
            return;
        }

        if (_loading is not null)
        {
            await _loading.CancelAsync();
            _loading.Dispose();
        }

        _loading = CancellationTokenSource.CreateLinkedTokenSource(Closed);
        var cancellation = _loading.Token;
        State = LoadState.Loading;
        Request = request;
        try
        {
            var any = await LoadAsync(request, cancellation);
            State = any ? LoadState.Ready : LoadState.Empty;
            Problem = null;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer selection replaced this load; it sets the state.
        }
        catch (PipelineException ex)
        {
            Fail(ex.Message);
        }
    }

    private void Fail(string problem)
    {
        State = LoadState.Failed;
        Problem = problem;
    }
}
