using Olist.Pipeline.Streaming;

namespace Olist.Web.Streaming;

/// <summary>
/// Runs the stream consumer inside the web app once the first run has opened the workspace; restarts it after a failure.
/// The bus under it is only opened then, so an unusable data directory never stops the app.
/// </summary>
public sealed partial class StreamConsumerService(
    OrderStreamConsumer consumer,
    DataWorkspace workspace,
    TimeProvider timeProvider,
    ILogger<StreamConsumerService> logger) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await workspace.WaitUntilReadyAsync(stoppingToken);
            using var backlog = StreamMetrics.ObserveBus(workspace.Bus);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await consumer.RunAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The consumer must come back by itself; the reason is logged and messages wait safely on the bus.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogConsumerFailed(ex, RestartDelay.TotalSeconds);
                    await Task.Delay(RestartDelay, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops; unacknowledged messages are delivered again on the next start.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The stream consumer stopped unexpectedly; restarting in {DelaySeconds} s")]
    private partial void LogConsumerFailed(Exception exception, double delaySeconds);
}
