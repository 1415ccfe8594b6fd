using Olist.Web.Security;

namespace Olist.Web.Streaming;

/// <summary>Creates (and prints once) the publisher key at start, so the user sees it before the first publish.</summary>
public sealed partial class PublisherKeyStartup(PublisherKey publisherKey, ILogger<PublisherKeyStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await publisherKey.EnsureAsync();
        }
#pragma warning disable CA1031 // An unusable data directory must not stop the app; publishing is refused until it is fixed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogKeyUnavailable(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The publisher key could not be loaded or created; publishing is refused until the data directory is usable")]
    private partial void LogKeyUnavailable(Exception exception);
}
