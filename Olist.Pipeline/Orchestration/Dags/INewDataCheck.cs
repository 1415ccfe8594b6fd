namespace Olist.Pipeline.Orchestration.Dags;

/// <summary>The daily build's short-circuit: orders purchased per day in the raw batch and stream order tables of the warehouse.</summary>
public interface INewDataCheck
{
    /// <summary>Distinct orders purchased on <paramref name="day"/>.</summary>
    Task<long> CountOrdersAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>Distinct orders per purchase day in [<paramref name="firstDay"/>, <paramref name="lastDay"/>]; days without orders are absent.</summary>
    Task<IReadOnlyDictionary<DateOnly, long>> CountByDayAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);
}
