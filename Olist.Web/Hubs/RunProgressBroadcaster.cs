namespace Olist.Web.Hubs;

/// <summary>Forwards the orchestrator's run events to the clients of <see cref="RunProgressHub"/>.</summary>
public sealed partial class RunProgressBroadcaster(RunEvents events, IHubContext<RunProgressHub> hub, ILogger<RunProgressBroadcaster> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        events.Changed += Forward;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events.Changed -= Forward;
        return Task.CompletedTask;
    }

    private void Forward(RunChange change) => _ = SendAsync(change);

    private async Task SendAsync(RunChange change)
    {
        try
        {
            await hub.Clients.All.SendAsync(RunProgressHub.RunChanged, change);
        }
#pragma warning disable CA1031 // A client that cannot be reached must never disturb the run that announced the change.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSendFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A run change could not be sent to the run progress hub's clients")]
    private partial void LogSendFailed(Exception exception);
}
