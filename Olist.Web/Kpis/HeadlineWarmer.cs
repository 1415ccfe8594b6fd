namespace Olist.Web.Kpis;

/// <summary>
/// Reads the overview's headlines for its default range (every order) once the data is ready and again after every
/// change of the warehouse's models, so the first visit finds the delivery days (a model run per month) already cached.
/// </summary>
public sealed partial class HeadlineWarmer(
    HeadlineReader reader, DataWorkspace workspace, TimeProvider timeProvider, ILogger<HeadlineWarmer> logger)
    : BackgroundService
{
    /// <summary>How often the models' version is looked at: a build takes far longer, and a look costs nothing.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await workspace.WaitUntilReadyAsync(stoppingToken);
            long? warmed = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                var version = workspace.Warehouse.ModelsVersion;
                if (version != warmed)
                {
                    await WarmAsync(version, stoppingToken);
                    // Also after a failure: the same models would fail the same way, so the next change is the next try.
                    warmed = version;
                }

                await Task.Delay(Poll, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped();
        }
    }

    private async Task WarmAsync(long version, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var headlines = await reader.ReadAsync(DateRange.All, cancellationToken);
            var months = HeadlineReader.DeliveryMonths(headlines);
            await reader.ReadDeliveryAsync(months, DateRange.All, cancellationToken);
            var elapsed = timeProvider.GetElapsedTime(started);
            LogWarmed(version, months.Count, elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Warming only saves the first visitor a wait: it must never stop the app; the page reads again itself.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWarmFailed(ex, version, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Headlines for models version {ModelsVersion} cached: delivery days of {Months} months in {Seconds:F1} s")]
    private partial void LogWarmed(long modelsVersion, int months, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caching the headlines for models version {ModelsVersion} failed ({ErrorType}); trying again after the next build")]
    private partial void LogWarmFailed(Exception exception, long modelsVersion, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Headline warming stopped because the app is shutting down")]
    private partial void LogStopped();
}
