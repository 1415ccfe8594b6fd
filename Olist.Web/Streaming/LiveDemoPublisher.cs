namespace Olist.Web.Streaming;

/// <summary>
/// When <c>Olist:LiveDemo:Enabled</c>, publishes generated orders straight onto the bus at
/// <see cref="LiveDemoOptions.OrdersPerMinute"/>, with their status changes as they fall due. Each start uses a fresh
/// seed, so a restarted demo never resends the orders of the last one.
/// </summary>
public sealed partial class LiveDemoPublisher(
    IOptions<LiveDemoOptions> options,
    DataWorkspace workspace,
    ILiveCatalogReader catalogReader,
    TimeProvider timeProvider,
    ILogger<LiveDemoPublisher> logger) : BackgroundService
{
    private const int CatalogSize = 500;
    private const int MaxBatch = 500;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            await workspace.WaitUntilReadyAsync(stoppingToken);
            var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
            var catalog = await catalogReader.ReadAsync(CatalogSize, stoppingToken);
            var generator = new LiveOrderGenerator(catalog, new LiveGeneratorOptions(Seed: seed), timeProvider);
            LogStarted(settings.OrdersPerMinute, seed);
            await PublishAsync(generator, workspace.Bus, settings.OrdersPerMinute / 60, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops; what was published is on the bus.
        }
#pragma warning disable CA1031 // A demo that cannot run must not take the app down; the reason is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(ex);
        }
    }

    /// <summary>Each tick publishes the new orders now due and whatever status changes the generator has due before them.</summary>
    private async Task PublishAsync(LiveOrderGenerator generator, IMessageBus bus, double ordersPerSecond, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        long created = 0;
        using var timer = new PeriodicTimer(Tick, timeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var due = (long)(ordersPerSecond * timeProvider.GetElapsedTime(started).TotalSeconds) - created;
            var batch = new List<OutgoingMessage>();
            while (due > 0 && batch.Count < MaxBatch)
            {
                var message = generator.Next();
                batch.Add(new OutgoingMessage(message.Body));
                if (message.Kind == GeneratedMessage.Created)
                {
                    created++;
                    due--;
                }
            }

            if (batch.Count > 0)
            {
                await bus.PublishAsync(batch, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live demo publishing {OrdersPerMinute} orders per minute (seed {Seed})")]
    private partial void LogStarted(double ordersPerMinute, int seed);

    [LoggerMessage(Level = LogLevel.Error, Message = "The live demo publisher stopped")]
    private partial void LogFailed(Exception exception);
}
