using Olist.Pipeline.Streaming.Live;
using Olist.Web.Streaming;

namespace Olist.Web.Hubs;

/// <summary>
/// Pushes the live order stream to its watchers: every committed batch's accepted orders and counters, and the live
/// metrics after them. Watchers only listen; a new one gets the latest metrics at once instead of waiting for a batch.
/// </summary>
public sealed class LiveOrdersHub(LiveFeed feed) : Hub<ILiveOrdersClient>
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/live-orders";

    public override async Task OnConnectedAsync()
    {
        if (feed.LatestMetrics is { } metrics)
        {
            await Clients.Caller.MetricsUpdated(metrics);
        }

        await base.OnConnectedAsync();
    }
}

/// <summary>What a <see cref="LiveOrdersHub"/> watcher hears; the method names are the names on the wire.</summary>
public interface ILiveOrdersClient
{
    /// <summary>A committed micro-batch: its accepted orders (bus order), what it dropped, and the totals after it.</summary>
    Task OrdersAccepted(StreamBatchReport batch);

    /// <summary>Today's live metrics (metrics.md section 5), recomputed after batches.</summary>
    Task MetricsUpdated(LiveMetrics metrics);
}
