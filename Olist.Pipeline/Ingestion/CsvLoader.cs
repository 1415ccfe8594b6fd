using Microsoft.Extensions.Logging;
using Olist.Pipeline.Progress;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Ingestion;

/// <summary>Loads the Olist CSV files found in a folder into raw warehouse tables, quarantining records it cannot read.</summary>
public sealed class CsvLoader(DuckDbWarehouse warehouse, TimeProvider timeProvider, ILogger<CsvLoader> logger)
{
    /// <summary>Loads whichever of the nine files are present in <paramref name="sourceDirectory"/>, replacing earlier loads of them.</summary>
    public Task<IReadOnlyList<FileLoadResult>> LoadAsync(string sourceDirectory, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException($"The loader is being built (issue 2): {warehouse.DatabasePath} {timeProvider} {logger}.");
}
