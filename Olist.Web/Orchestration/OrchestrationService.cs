using Olist.Pipeline.Orchestration;
using Olist.Pipeline.Orchestration.Scheduling;

namespace Olist.Web.Orchestration;

/// <summary>
/// Runs the orchestrator in the web app: at start, marks runs a crash left running as failed; once the first run has
/// the data ready, ticks the scheduler at its fire times and runs queued runs and backfills one at a time.
/// </summary>
public sealed partial class OrchestrationService(
    Orchestrator orchestrator, DagScheduler scheduler, DataWorkspace data, TimeProvider timeProvider, ILogger<OrchestrationService> logger) : BackgroundService
{
    // Work queued by another process (none today) or a missed signal is still picked up this often.
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await RecoverAsync(stoppingToken))
            {
                return;
            }

            await data.WaitUntilReadyAsync(stoppingToken);
            LogStarted();
            await Task.WhenAll(KeepGoingAsync("scheduler", scheduler.RunAsync, stoppingToken), KeepGoingAsync("worker", WorkAsync, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped();
        }
    }

    /// <summary>Marks runs a crash left running as failed; false when the ops store is unusable, and then nothing is scheduled.</summary>
    private async Task<bool> RecoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await orchestrator.RecoverInterruptedAsync(cancellationToken);
            return true;
        }
#pragma warning disable CA1031 // An unusable data directory must not stop the app; the log and the pages say why.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogStoreUnusable(ex, orchestrator.Store.Path);
            return false;
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            while (await orchestrator.RunNextAsync(cancellationToken))
            {
            }

            await Task.WhenAny(orchestrator.WaitForWorkAsync(cancellationToken), Task.Delay(Poll, timeProvider, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Runs a loop; an unexpected failure is logged and the loop starts again after a pause, so one bad moment never ends scheduling.</summary>
    private async Task KeepGoingAsync(string name, Func<CancellationToken, Task> loop, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await loop(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The scheduler and worker must outlive any one failure; it is logged and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLoopFailed(ex, name);
                await Task.Delay(Poll, timeProvider, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The ops store {Path} cannot be used; no runs are scheduled or run until the data directory is fixed")]
    private partial void LogStoreUnusable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The data is ready: scheduler and run worker started")]
    private partial void LogStarted();

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler and run worker stopped")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Loop} failed; it starts again shortly")]
    private partial void LogLoopFailed(Exception exception, string loop);
}
