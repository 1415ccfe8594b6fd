namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// Opens the live order bus of one provider, as <c>Olist:Bus:Provider</c> chooses it: the seam a bus plugs into. Knows
/// what its bus is before opening it, so pages and probes can name a bus that cannot be opened.
/// </summary>
public interface IMessageBusProvider
{
    /// <summary>Which bus it opens (<c>Embedded</c>, <c>PubSub</c>).</summary>
    string Provider { get; }

    /// <summary>What its bus's consumer reads: the subscription's name, or the embedded bus's file.</summary>
    string Subscription { get; }

    /// <summary>Opens the bus: creates or migrates the embedded file, or connects to Pub/Sub with the credentials found.</summary>
    Task<IMessageBus> OpenAsync(CancellationToken cancellationToken);
}
