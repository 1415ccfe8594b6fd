using Olist.Pipeline.Catalog;
using Olist.Pipeline.Configuration;
using Olist.Pipeline.Generation;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Transform.Execution;

namespace Olist.Web.FirstRun;

/// <summary>
/// Prepares the data in the background on start: keeps a warehouse whose nine tables are loaded, else loads the real
/// CSV files from the data directory, else generates a dataset and loads that. Never stops the app; a failure becomes
/// the workspace's status. A first run interrupted half-way (some tables loaded) is completed on the next start. Then,
/// when the data is new or a model is missing, it runs a full build so the dashboards have their tables, and opens the
/// <see cref="DataWorkspace"/>, which makes the data ready. It starts only once the server listens, so a start that fails
/// (the port is taken) writes no data.
/// </summary>
public sealed partial class FirstRunService(
    DataWorkspace workspace,
    ISourceStatusReader statusReader,
    IRawLoader loader,
    OlistGenerator generator,
    TransformProject transform,
    IOptions<OlistOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<FirstRunService> logger) : BackgroundService
{
    /// <summary>The activity shown while the generator writes the CSV files.</summary>
    public const string GeneratingActivity = "Generating sample data";

    /// <summary>The activity shown while the loader reads the CSV files into the warehouse.</summary>
    public const string LoadingActivity = "Loading CSV files";

    /// <summary>The activity shown while the transform engine builds the warehouse's models and runs their tests.</summary>
    public const string BuildingActivity = "Building the warehouse";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ServerStartedAsync(stoppingToken))
        {
            return;
        }

        try
        {
            var tables = await statusReader.ReadAsync(stoppingToken);
            var loadedNow = !tables.All(t => t.LoadedAt is not null);
            if (loadedNow)
            {
                var sourceDirectory = await ChooseSourcesAsync(stoppingToken);
                var files = await loader.LoadAsync(sourceDirectory, ShrinkGuard.From(options.Value.Load), workspace.ProgressOf(LoadingActivity), stoppingToken);
                var rowsLoaded = files.Sum(f => f.RowsLoaded);
                var rowsQuarantined = files.Sum(f => f.RowsQuarantined);
                LogLoaded(files.Count, sourceDirectory, rowsLoaded, rowsQuarantined);
                tables = await statusReader.ReadAsync(stoppingToken);
            }
            else
            {
                LogAlreadyLoaded(workspace.Warehouse.Location);
            }

            if (await BuildWhenNeededAsync(loadedNow, stoppingToken) is { } buildFailure)
            {
                workspace.Report(DataStatus.Failed(buildFailure));
                return;
            }

            await workspace.OpenAsync(tables, stoppingToken);
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
            workspace.Report(DataStatus.Failed(reason));
        }
    }

    /// <summary>
    /// Waits until the host has started, the server included: hosted services start before the server binds its
    /// addresses. False when the app stops first, such as when the port is taken.
    /// </summary>
    private async Task<bool> ServerStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var stopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs a full build when the data is new or a model is missing; returns why it failed, or null.</summary>
    private async Task<string?> BuildWhenNeededAsync(bool loadedNow, CancellationToken cancellationToken)
    {
        var missing = await transform.MissingModelsAsync(cancellationToken);
        if (!loadedNow && missing.Count == 0)
        {
            return null;
        }

        LogBuilding(missing.Count);
        workspace.Report(DataStatus.Preparing(BuildingActivity, progress: null));
        var summary = await transform.BuildAsync(new BuildRequest(), workspace.ProgressOf(BuildingActivity), cancellationToken);
        var failed = summary.Results.Where(r => r.Status is RunStatus.Error or RunStatus.Fail).Select(r => r.Name).ToList();
        var (models, tests) = (summary.Models.Count(), summary.Tests.Count());
        LogBuilt(models, tests, failed.Count, summary.Elapsed.TotalSeconds);
        return summary.Succeeded
            ? null
            : $"The first build failed: {string.Join(", ", failed.Take(5))}{(failed.Count > 5 ? $" and {failed.Count - 5} more" : "")} (see target/run_results.json).";
    }

    private async Task<string> ChooseSourcesAsync(CancellationToken cancellationToken)
    {
        var paths = workspace.Paths;
        var realFiles = OlistCatalog.Tables.Count(t => File.Exists(Path.Combine(paths.RealSources, t.FileName)));
        if (realFiles > 0)
        {
            LogUsingRealFiles(realFiles, paths.RealSources);
            return paths.RealSources;
        }

        var firstRun = options.Value.FirstRun;
        var yesterday = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime).AddDays(-1);
        LogGenerating(firstRun.Scale, firstRun.Seed, yesterday, paths.GeneratedSources);
        workspace.Report(DataStatus.Preparing(GeneratingActivity, progress: null));
        await generator.GenerateAsync(
            new GenerationOptions(firstRun.Scale, firstRun.Seed, paths.GeneratedSources, yesterday),
            workspace.ProgressOf(GeneratingActivity),
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the warehouse ({MissingModels} models missing)")]
    private partial void LogBuilding(int missingModels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built {Models} models and ran {Tests} tests in {Seconds:F1} s; {Failed} failed")]
    private partial void LogBuilt(int models, int tests, int failed, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data preparation stopped because the app is shutting down")]
    private partial void LogCancelled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Data preparation failed: {Reason}")]
    private partial void LogFailed(Exception exception, string reason);
}
