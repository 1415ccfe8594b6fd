using Olist.Pipeline.Streaming.Bus;

namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>Where generated messages go: the bus directly (demo, benchmark) or the ingestion endpoint (the <c>stream</c> verb).</summary>
public interface IEventSink
{
    /// <summary>Sends <paramref name="bodies"/> and returns their message ids, once they are durably stored.</summary>
    Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken);
}

/// <summary>Publishes straight onto a bus in this process.</summary>
public sealed class BusEventSink(IMessageBus bus) : IEventSink
{
    public Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        return bus.PublishAsync(bodies.Select(b => new OutgoingMessage(b)).ToList(), cancellationToken);
    }
}
