namespace Olist.Pipeline.Streaming.Bus;

/// <summary>The embedded bus: a SQLite file of the data directory (<c>bus.db</c>).</summary>
public sealed class EmbeddedBusProvider(string path, TimeProvider timeProvider, ILogger<SqliteMessageBus> logger) : IMessageBusProvider
{
    public string Provider => BusOptions.Embedded;

    public string Subscription => path;

    public async Task<IMessageBus> OpenAsync(CancellationToken cancellationToken) =>
        await SqliteMessageBus.OpenAsync(path, timeProvider, logger, cancellationToken);
}
