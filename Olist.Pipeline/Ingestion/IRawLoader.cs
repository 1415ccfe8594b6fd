using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Ingestion;

/// <summary>
/// Loads the Olist CSV files of a folder into the warehouse's raw tables through the strict reader, records it cannot
/// read to the quarantine and each file to the load history: <see cref="CsvLoader"/> on DuckDB, BigQuery's by load jobs.
/// </summary>
public interface IRawLoader
{
    /// <summary>
    /// Loads whichever of the nine files are present in <paramref name="sourceDirectory"/>, replacing earlier loads of
    /// them. A file that <paramref name="guard"/> refuses leaves its table as it was; the others are loaded, then the
    /// load fails naming the refused ones.
    /// </summary>
    Task<IReadOnlyList<FileLoadResult>> LoadAsync(string sourceDirectory, ShrinkGuard guard, IProgress<WorkProgress>? progress, CancellationToken cancellationToken);
}
