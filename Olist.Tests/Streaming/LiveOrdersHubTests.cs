using Microsoft.AspNetCore.SignalR.Client;
using Olist.Web.Hubs;

namespace Olist.Tests.Streaming;

/// <summary>A real SignalR client on the real app: orders posted to the ingestion endpoint come back pushed, and the client survives a server restart.</summary>
public sealed class LiveOrdersHubTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryDataDirectory _data = new();
    private readonly ConcurrentQueue<StreamBatchReport> _batches = new();
    private readonly ConcurrentQueue<LiveMetrics> _metrics = new();
    private LiveServer _server = null!;
    private HubConnection _connection = null!;

    public async Task InitializeAsync()
    {
        await _data.LoadGeneratedDataAsync();
        _server = await LiveServer.StartAsync(_data, "--Olist:Live:MetricsInterval=00:00:00.1");
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_server.Address, LiveOrdersHub.Path.TrimStart('/')))
            // Retries every half second for a minute: a restart on a busy machine may take longer than the default policy waits.
            .WithAutomaticReconnect([.. Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 120)])
            .Build();
        _connection.On<StreamBatchReport>(nameof(ILiveOrdersClient.OrdersAccepted), _batches.Enqueue);
        _connection.On<LiveMetrics>(nameof(ILiveOrdersClient.MetricsUpdated), _metrics.Enqueue);
        await _connection.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Posted_orders_are_pushed_with_the_counters_and_then_the_live_metrics()
    {
        var orders = await _server.GenerateOrdersAsync(5, seed: 11);

        var ids = await _server.PublishAsync([.. orders, "{ not json"]);

        var pushed = await WaitForAsync(() => _batches.SelectMany(b => b.Orders).Select(o => o.MessageId).ToHashSet(), got => ids.Take(5).All(got.Contains));
        Assert.DoesNotContain(ids[5], pushed);
        var orderIds = orders.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("data").GetProperty("orders").GetProperty("order_id").GetString()!).ToHashSet();
        var accepted = _batches.SelectMany(b => b.Orders).ToList();
        Assert.Equal(orderIds, accepted.Select(o => o.OrderId).ToHashSet());
        Assert.All(accepted, o => Assert.Equal(EventTypes.OrderCreated, o.EventType));
        Assert.All(accepted, o => Assert.True(o.ItemRevenue > 0 && o.Items > 0, $"order {o.OrderId} came without its items"));
        var last = await WaitForAsync(() => _batches.LastOrDefault(), b => b?.Counters.Handled == 6);
        Assert.Equal((5, 1), (last!.Counters.Accepted, last.Counters.DeadLettered));
        Assert.Equal(1, last.Counters.DeadLetteredByReason["malformed_json"]);

        var metrics = await WaitForAsync(() => _metrics.LastOrDefault(), m => m?.EventsAccepted == 5);
        Assert.Equal(1, metrics!.EventsDeadLettered);
        Assert.Equal(5, metrics.OrdersByMinute.Sum(m => m.Orders));
        Assert.Equal(accepted.Sum(o => o.ItemRevenue), metrics.ItemRevenue);
    }

    [Fact]
    public async Task After_a_server_restart_the_client_reconnects_by_itself_and_receives_again()
    {
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };

        await _server.RestartAsync();
        await reconnected.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var ids = await _server.PublishAsync(await _server.GenerateOrdersAsync(2, seed: 12));

        await WaitForAsync(() => _batches.SelectMany(b => b.Orders).Select(o => o.MessageId).ToHashSet(), got => ids.All(got.Contains));
        Assert.Equal(HubConnectionState.Connected, _connection.State);
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not pushed within {Patience}");
            await Task.Delay(20);
        }
    }
}
