using Microsoft.Extensions.Options;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Generation;
using Olist.Pipeline.Ingestion;

namespace Olist.Web.FirstRun;

/// <summary>
/// Prepares the data in the background on start: keeps a warehouse whose nine tables are loaded, else loads the real
/// CSV files from the data directory, else generates a dataset and loads that. Never stops the app; a failure becomes
/// a status. A first run interrupted half-way (some tables loaded) is completed on the next start.
/// </summary>
public sealed partial class FirstRunService(
    DataPreparationState state,
    SourceStatusReader statusReader,
    CsvLoader loader,
    OlistGenerator generator,
    DataPaths paths,
    IOptions<OlistOptions> options,
    TimeProvider timeProvider,
    ILogger<FirstRunService> logger) : BackgroundService
{
    /// <summary>The activity shown while the generator writes the CSV files.</summary>
    public const string GeneratingActivity = "Generating sample data";

    /// <summary>The activity shown while the loader reads the CSV files into the warehouse.</summary>
    public const string LoadingActivity = "Loading CSV files";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var tables = await statusReader.ReadAsync(stoppingToken);
            if (tables.All(t => t.LoadedAt is not null))
            {
                LogAlreadyLoaded(paths.Warehouse);
            }
            else
            {
                var sourceDirectory = await ChooseSourcesAsync(stoppingToken);
                var files = await loader.LoadAsync(sourceDirectory, state.ProgressOf(LoadingActivity), stoppingToken);
                var rowsLoaded = files.Sum(f => f.RowsLoaded);
                var rowsQuarantined = files.Sum(f => f.RowsQuarantined);
                LogLoaded(files.Count, sourceDirectory, rowsLoaded, rowsQuarantined);
                tables = await statusReader.ReadAsync(stoppingToken);
            }

            state.Report(DataStatus.Ready(tables));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogCancelled();
        }
#pragma warning disable CA1031 // Whatever went wrong, the app stays up and tells the user why on every page.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = OneLine(ex.Message);
            LogFailed(ex, reason);
            state.Report(DataStatus.Failed(reason));
        }
    }

    private async Task<string> ChooseSourcesAsync(CancellationToken cancellationToken)
    {
        var realFiles = OlistCatalog.Tables.Count(t => File.Exists(Path.Combine(paths.RealSources, t.FileName)));
        if (realFiles > 0)
        {
            LogUsingRealFiles(realFiles, paths.RealSources);
            return paths.RealSources;
        }

        var firstRun = options.Value.FirstRun;
        var yesterday = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime).AddDays(-1);
        LogGenerating(firstRun.Scale, firstRun.Seed, yesterday, paths.GeneratedSources);
        state.Report(DataStatus.Preparing(GeneratingActivity, progress: null));
        await generator.GenerateAsync(
            new GenerationOptions(firstRun.Scale, firstRun.Seed, paths.GeneratedSources, yesterday),
            state.ProgressOf(GeneratingActivity),
            cancellationToken);
        return paths.GeneratedSources;
    }

    private static string OneLine(string message)
    {
        var firstLine = message.AsSpan().Trim();
        var end = firstLine.IndexOfAny('\r', '\n');
        return (end < 0 ? firstLine : firstLine[..end]).Trim().ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The warehouse {Warehouse} already holds all source tables; ready")]
    private partial void LogAlreadyLoaded(string warehouse);

    [LoggerMessage(Level = LogLevel.Information, Message = "Found {FileCount} real Olist CSV files in {Directory}; loading them")]
    private partial void LogUsingRealFiles(int fileCount, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "No real Olist CSV files; generating scale {Scale} seed {Seed} up to {EndDate} into {Directory}")]
    private partial void LogGenerating(double scale, int seed, DateOnly endDate, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {FileCount} files from {Directory}: {RowsLoaded} rows loaded, {RowsQuarantined} quarantined")]
    private partial void LogLoaded(int fileCount, string directory, long rowsLoaded, long rowsQuarantined);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data preparation stopped because the app is shutting down")]
    private partial void LogCancelled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Data preparation failed: {Reason}")]
    private partial void LogFailed(Exception exception, string reason);
}
