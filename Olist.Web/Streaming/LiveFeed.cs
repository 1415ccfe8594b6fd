using System.Threading.Channels;
using Olist.Pipeline.Streaming.Live;
using Olist.Web.Hubs;

namespace Olist.Web.Streaming;

/// <summary>
/// The live monitor's source: hears of each committed batch without holding up the consumer, pushes its accepted
/// orders at once to the <see cref="LiveOrdersHub"/> and to the open pages, and recomputes the live metrics after
/// batches (at most once per <see cref="LiveFeedOptions.MetricsInterval"/>, and every
/// <see cref="LiveFeedOptions.IdleRefresh"/> while idle).
/// </summary>
public sealed partial class LiveFeed(
    IHubContext<LiveOrdersHub, ILiveOrdersClient> hub,
    LiveMetricsQuery metricsQuery,
    IOptions<LiveFeedOptions> options,
    TimeProvider timeProvider,
    ILogger<LiveFeed> logger) : BackgroundService, IAcceptedOrdersSink
{
    // Only a display waits here; if it falls this far behind, the oldest batches are dropped from the display, never from the data.
    private const int Backlog = 1024;

    private readonly Channel<StreamBatchReport> _batches = Channel.CreateBounded<StreamBatchReport>(
        new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Channel<bool> _metricsDue = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private volatile LiveMetrics? _latestMetrics;

    /// <summary>Raised after each committed batch was pushed to the hub, on the feed's thread.</summary>
    public event Action<StreamBatchReport>? OrdersAccepted;

    /// <summary>Raised after the metrics were recomputed, on the feed's thread.</summary>
    public event Action<LiveMetrics>? MetricsUpdated;

    /// <summary>The metrics as last computed; null until the first batch since the app started.</summary>
    public LiveMetrics? LatestMetrics => _latestMetrics;

    /// <summary>The latest metrics, computed now when none were yet; call only once the data is ready.</summary>
    public async Task<LiveMetrics> CurrentMetricsAsync(CancellationToken cancellationToken) =>
        _latestMetrics ?? await metricsQuery.ReadAsync(cancellationToken);

    /// <summary>Messages settled per second over the last minute.</summary>
    public ThroughputMeter Throughput { get; } = new(timeProvider);

    public ValueTask OnBatchCommittedAsync(StreamBatchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Throughput.Record(report.CommittedAt, report.Orders.Count + report.Duplicates + report.DeadLettered.Values.Sum());
        _batches.Writer.TryWrite(report);
        return ValueTask.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PushOrdersAsync(stoppingToken), PushMetricsAsync(stoppingToken));

    private async Task PushOrdersAsync(CancellationToken cancellationToken)
    {
        await foreach (var report in _batches.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await hub.Clients.All.OrdersAccepted(report);
            }
#pragma warning disable CA1031 // A watcher that cannot be reached must not stop the pages or later pushes.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogPushFailed(ex);
            }

            OrdersAccepted?.Invoke(report);
            _metricsDue.Writer.TryWrite(true);
        }
    }

    private async Task PushMetricsAsync(CancellationToken cancellationToken)
    {
        // The first batch proves the consumer runs, so the stream tables the query reads exist.
        await _metricsDue.Reader.ReadAsync(cancellationToken);
        var settings = options.Value;
        while (true)
        {
            await RefreshMetricsAsync(cancellationToken);
            await Task.Delay(settings.MetricsInterval, timeProvider, cancellationToken);
            using var idle = new CancellationTokenSource(settings.IdleRefresh - settings.MetricsInterval, timeProvider);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            try
            {
                await _metricsDue.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Idle: refresh anyway, so the rates per minute and the lag move on.
            }
        }
    }

    private async Task RefreshMetricsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var metrics = await metricsQuery.ReadAsync(cancellationToken);
            _latestMetrics = metrics;
            await hub.Clients.All.MetricsUpdated(metrics);
            MetricsUpdated?.Invoke(metrics);
        }
#pragma warning disable CA1031 // The next batch or idle refresh tries again; the stream itself is unaffected.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogMetricsFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing accepted orders to the live hub failed; the batch is committed")]
    private partial void LogPushFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live metrics could not be recomputed; trying again after the next batch")]
    private partial void LogMetricsFailed(Exception exception);
}
