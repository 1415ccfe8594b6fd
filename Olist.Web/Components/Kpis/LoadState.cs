namespace Olist.Web.Components.Kpis;

/// <summary>Where a KPI page is with its data.</summary>
public enum LoadState
{
    /// <summary>Prerendering, or the first run is still preparing the warehouse.</summary>
    Waiting,
    Loading,
    Ready,
    /// <summary>The query ran and found no rows for the selection.</summary>
    Empty,
    Failed,
}
