namespace Olist.Web.Security;

/// <summary>Creates (and prints once) the operator password and API key at start, so the user sees them before they are needed.</summary>
public sealed partial class OperatorCredentialsStartup(OperatorPassword password, OperatorKey key, ILogger<OperatorCredentialsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await password.EnsureAsync();
            await key.EnsureAsync();
        }
#pragma warning disable CA1031 // An unusable data directory must not stop the app; operator actions are refused until it is fixed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnavailable(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The operator credentials could not be loaded or created; signing in is refused until the data directory is usable")]
    private partial void LogUnavailable(Exception exception);
}
