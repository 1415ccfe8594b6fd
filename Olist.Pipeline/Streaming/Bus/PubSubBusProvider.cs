using Olist.Pipeline.Gcp.PubSub;

namespace Olist.Pipeline.Streaming.Bus;

/// <summary>Google Cloud Pub/Sub (or its emulator, by <c>PUBSUB_EMULATOR_HOST</c> or <see cref="BusOptions.EmulatorHost"/>) over REST.</summary>
public sealed class PubSubBusProvider(BusOptions options, TimeSpan ackDeadline, TimeProvider timeProvider, ILogger<PubSubMessageBus> logger)
    : IMessageBusProvider
{
    public string Provider => BusOptions.PubSub;

    public string Subscription => PubSubNames.Subscription(options.ProjectId ?? string.Empty, options.Subscription);

    public async Task<IMessageBus> OpenAsync(CancellationToken cancellationToken) => await CreateAsync(cancellationToken);

    /// <summary>The Pub/Sub bus itself, for what only it does (setting up its resources, naming its endpoint).</summary>
    public Task<PubSubMessageBus> CreateAsync(CancellationToken cancellationToken) =>
        PubSubMessageBus.CreateAsync(options, options.EffectiveEmulatorHost, ackDeadline, timeProvider, logger, cancellationToken);
}
