using Olist.Web.Security;

namespace Olist.Web.Streaming;

/// <summary>Creates (and prints once) the publisher key at start, so the user sees it before the first publish.</summary>
public sealed class PublisherKeyStartup(PublisherKey publisherKey) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => publisherKey.EnsureAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
