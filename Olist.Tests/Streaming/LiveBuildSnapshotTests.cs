using Microsoft.Extensions.Logging;
using Olist.Tests.Orchestration;

namespace Olist.Tests.Streaming;

/// <summary>
/// A build while the real consumer commits live orders into the same warehouse: the consumer commits exactly between two
/// staging models (a hook of the build waits for the commit), and the build still sees one snapshot of the stream.
/// </summary>
public sealed class LiveBuildSnapshotTests : IAsyncLifetime, IDisposable
{
    private const string LateOrder = "late-live-order";

    private readonly CommitDuringBuild _commit = new();
    private readonly OrchestrationHarness _data;
    private StreamHarness _stream = null!;

    public LiveBuildSnapshotTests() => _data = new OrchestrationHarness(_commit);

    public async Task InitializeAsync()
    {
        await _data.LoadTinyDataAsync();
        _stream = await StreamHarness.OverAsync(_data.Warehouse);
    }

    public async Task DisposeAsync() => await _stream.DisposeAsync();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_build_reads_the_stream_as_it_stood_when_the_build_began_and_the_next_build_takes_in_what_came_after()
    {
        await using var consumer = _commit.Start(_stream, await LateOrderEventAsync(), LateOrder, afterModel: "base_orders");

        var first = await _data.Transform.BuildAsync(new BuildRequest(), progress: null, CancellationToken.None);

        Assert.True(_commit.Committed, "the consumer should have committed in the middle of the build");
        Assert.Empty(first.Results.Where(r => r.Status is RunStatus.Error or RunStatus.Fail).Select(r => $"{r.Name}: {r.Message}"));
        Assert.Equal(["1"], await _data.RowsAsync($"SELECT count(*) FROM raw.stream_orders WHERE order_id = '{LateOrder}'"));
        Assert.Equal(["0|0|0"], await _data.RowsAsync(LateOrderInStaging));

        var second = await _data.Transform.BuildAsync(new BuildRequest(), progress: null, CancellationToken.None);

        Assert.True(second.Succeeded);
        Assert.Equal(["1|1|1"], await _data.RowsAsync(LateOrderInStaging));
    }

    [Fact]
    public async Task A_daily_run_reads_one_snapshot_of_the_stream_while_orders_arrive_during_its_staging_task()
    {
        await using var consumer = _commit.Start(_stream, await LateOrderEventAsync(), LateOrder, afterModel: "base_orders");
        var day = (await _data.DaysWithOrdersAsync())[^1];
        using var orchestrator = await _data.OrchestratorAsync();

        var run = await orchestrator.RunAsync(await orchestrator.QueueRunAsync(day, fullRefresh: false, RunType.Manual, CancellationToken.None), CancellationToken.None);

        Assert.True(_commit.Committed, "the consumer should have committed in the middle of build_staging");
        var detail = (await orchestrator.Store.GetRunDetailAsync(run.RunId, CancellationToken.None))!;
        Assert.Empty(detail.Tests.Where(t => t.Status is "fail" or "error").Select(t => $"{t.TaskId}/{t.Test}: {t.Message}"));
        Assert.Equal(RunState.Success, run.State);
        Assert.Equal(["0|0|0"], await _data.RowsAsync(LateOrderInStaging));
    }

    /// <summary>The late order's rows in staging: kept orders, kept items, and its stream rows anywhere in the quarantine.</summary>
    private static string LateOrderInStaging => $"""
        SELECT
            (SELECT count(*) FROM staging.stg_orders WHERE order_id = '{LateOrder}'),
            (SELECT count(*) FROM staging.stg_order_items WHERE order_id = '{LateOrder}'),
            (SELECT count(*) FROM staging.stg_order_payments WHERE order_id = '{LateOrder}')
            + (SELECT count(*) FROM staging.stg_quarantine WHERE key LIKE '{LateOrder}%')
        """;

    private async Task<string> LateOrderEventAsync()
    {
        var (product, seller) = await _stream.SoldItemAsync();
        return OrderEvents.Created(LateOrder, customerId: "late-live-customer", product: product, seller: seller);
    }

    /// <summary>
    /// The interleaving: once the engine logs <c>afterModel</c> built (in a build or in a DAG task), the order is
    /// published and the build waits until the consumer has committed it.
    /// </summary>
    private sealed class CommitDuringBuild : ILogger<TransformProject>, IAcceptedOrdersSink
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private StreamHarness? _stream;
        private string _body = string.Empty;
        private string _orderId = string.Empty;
        private string _afterModel = string.Empty;
        private int _fired;

        public bool Committed => _committed.Task.IsCompletedSuccessfully;

        /// <summary>Starts the consumer; the build's hook waits for its commit, so nothing waits for it to be ready.</summary>
        public RunningConsumer Start(StreamHarness stream, string body, string orderId, string afterModel)
        {
            (_stream, _body, _orderId, _afterModel) = (stream, body, orderId, afterModel);
            var consumer = stream.Consumer(sink: this);
            var stop = new CancellationTokenSource();
            return new RunningConsumer(Task.Run(() => consumer.RunAsync(stop.Token)), stop);
        }

        public ValueTask OnBatchCommittedAsync(StreamBatchReport report, CancellationToken cancellationToken)
        {
            if (report.Orders.Any(o => o.OrderId == _orderId))
            {
                _committed.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields && fields.Any(f => f.Key == "Model" && Equals(f.Value, _afterModel)))
            {
                CommitNow();
            }
        }

        /// <summary>Publishes once and blocks the build's thread until the consumer committed: nothing else of the build runs meanwhile.</summary>
        private void CommitNow()
        {
            if (_stream is null || Interlocked.Exchange(ref _fired, 1) == 1)
            {
                return;
            }

            Task.Run(async () =>
            {
                await _stream.PublishAsync(_body);
                await _committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }).GetAwaiter().GetResult();
        }
    }

    /// <summary>A consumer running on the thread pool, stopped on dispose.</summary>
    private sealed class RunningConsumer(Task run, CancellationTokenSource stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await run;
            stop.Dispose();
        }
    }
}
