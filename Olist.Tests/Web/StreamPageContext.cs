using Microsoft.Extensions.Configuration;
using Bunit.TestDoubles;
using Olist.Web.Streaming;

namespace Olist.Tests.Web;

/// <summary>
/// A bUnit context wired like the app (the pipeline and live stream registrations over a tiny loaded dataset), with the
/// real consumer and live feed running, so a stream page sees what a publish really turns into.
/// </summary>
internal sealed class StreamPageContext : IAsyncDisposable
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _consuming = Task.CompletedTask;
    private LiveFeed? _feed;

    public BunitContext Bunit { get; } = new();

    /// <summary>Who the pages see: anonymous until a test signs an operator in.</summary>
    public BunitAuthorizationContext Authorization { get; private set; } = null!;

    public OrderStreamConsumer Consumer => Bunit.Services.GetRequiredService<OrderStreamConsumer>();

    public IMessageBus Bus => Bunit.Services.GetRequiredService<IMessageBus>();

    /// <summary>Loads the data, registers the services and marks the data ready; the consumer and the feed run until disposal.</summary>
    public async Task StartAsync()
    {
        await _data.LoadGeneratedDataAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Olist:DataDirectory"] = _data.Paths.Root,
                ["Olist:Stream:PullWait"] = "00:00:00.05",
                ["Olist:Live:MetricsInterval"] = "00:00:00.1",
            })
            .Build();
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddLogging();
        Bunit.Services.AddMudServices();
        Bunit.Services.AddOlistPipeline(configuration);
        Bunit.Services.AddLiveStream(configuration);
        Authorization = Bunit.AddAuthorization();
        var statuses = await Bunit.Services.GetRequiredService<SourceStatusReader>().ReadAsync(CancellationToken.None);
        await Bunit.Services.GetRequiredService<DataWorkspace>().OpenAsync(statuses, CancellationToken.None);
        _feed = Bunit.Services.GetRequiredService<LiveFeed>();
        await _feed.StartAsync(_stop.Token);
        _consuming = Consumer.RunAsync(_stop.Token);
    }

    /// <summary>Generated new orders over the loaded catalog.</summary>
    public async Task<IReadOnlyList<byte[]>> GenerateOrdersAsync(int count, int seed)
    {
        var catalog = await Bunit.Services.GetRequiredService<ILiveCatalogReader>().ReadAsync(200, CancellationToken.None);
        var generator = new LiveOrderGenerator(catalog, new LiveGeneratorOptions(Seed: seed, OriginalFormatShare: 0), TimeProvider.System);
        return [.. Enumerable.Range(0, count).Select(_ => generator.Next().Body)];
    }

    /// <summary>Publishes <paramref name="bodies"/> and waits until the consumer has settled every message published so far.</summary>
    public async Task PublishAndSettleAsync(IEnumerable<byte[]> bodies)
    {
        var messages = bodies.Select(b => new OutgoingMessage(b)).ToList();
        var target = Consumer.Counters.Handled + messages.Count;
        await Bus.PublishAsync(messages, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Consumer.Counters.Handled < target)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the consumer settled {Consumer.Counters.Handled} of {target} messages within 30 s");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _consuming;
        if (_feed is not null)
        {
            await _feed.StopAsync(CancellationToken.None);
        }

        // MudBlazor's services only dispose asynchronously.
        await Bunit.DisposeAsync();
        _stop.Dispose();
        _data.Dispose();
    }
}
