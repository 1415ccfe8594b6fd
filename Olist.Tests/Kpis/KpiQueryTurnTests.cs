namespace Olist.Tests.Kpis;

/// <summary>
/// Uncached KPI requests under concurrency: at most <see cref="WarehouseOptions.MaxConcurrentQueries"/> run at once and
/// the rest wait their turn, and identical requests that arrive together share one query. A renderer that holds every
/// range query until released shows what runs at the same time.
/// </summary>
public sealed class KpiQueryTurnTests : IDisposable
{
    private const int Requests = 6;

    private readonly TempDirectory _directory = new();
    private readonly HeldRenderer _renderer = new();
    private readonly List<DuckDbKpiReader> _readers = [];

    [Fact]
    public async Task Queries_run_on_the_reader_s_own_threads_and_leave_the_thread_pool_to_the_web_server()
    {
        var reader = Reader(maxConcurrentQueries: 2);

        // DuckDB blocks the calling thread for the whole query; on pool threads, requests would wait for a thread to free up.
        var threads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => reader.ReadAsync(
            "kpi_satisfaction",
            "SELECT 1",
            [],
            (_, _) => Task.FromResult((Pool: Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name)),
            CancellationToken.None)));

        Assert.All(threads, t => Assert.False(t.Pool));
        Assert.All(threads, t => Assert.StartsWith("KPI query ", t.Name, StringComparison.Ordinal));
        Assert.InRange(threads.Select(t => t.Name).Distinct().Count(), 1, 2);
    }

    [Fact]
    public async Task No_more_queries_than_the_limit_run_at_once_and_the_others_wait_their_turn()
    {
        using var kpis = Service(maxConcurrentQueries: 2);

        // Six different ranges: none can be answered from the cache or shared. Each call runs up to its first wait before
        // the next starts, so all six have reached the renderer or the line when the list is complete.
        var requests = Enumerable.Range(1, Requests)
            .Select(day => kpis.SatisfactionAsync(new DateRange(new DateOnly(2018, 1, day), new DateOnly(2018, 2, 1)), CancellationToken.None))
            .ToList();

        Assert.Equal(2, _renderer.Held);
        _renderer.ReleaseAll();
        await Task.WhenAll(requests);
        Assert.Equal(2, _renderer.MostHeldAtOnce);
        Assert.Equal(Requests, _renderer.Rendered);
        Assert.All(requests, r => Assert.Equal("early", Assert.Single(r.Result).Bucket));
    }

    [Fact]
    public async Task Identical_requests_that_arrive_together_share_one_query()
    {
        using var kpis = Service(maxConcurrentQueries: 4);
        var range = new DateRange(new DateOnly(2018, 1, 1), new DateOnly(2018, 3, 31));

        // The rows themselves, not a typed view of them: the view is made per caller, the rows are the shared result.
        var requests = Enumerable.Range(0, Requests).Select(_ => kpis.ReadAsync(kpis.Catalog.Request("satisfaction", range), CancellationToken.None)).ToList();
        await _renderer.WaitUntilHeldAsync(1);
        _renderer.ReleaseAll();
        await Task.WhenAll(requests);

        Assert.Equal(1, _renderer.Rendered);
        Assert.All(requests, r => Assert.Same(requests[0].Result, r.Result));
    }

    [Fact]
    public async Task A_waiting_request_that_is_cancelled_leaves_the_line_and_the_others_are_answered()
    {
        using var kpis = Service(maxConcurrentQueries: 1);
        using var cancelled = new CancellationTokenSource();

        var first = kpis.SatisfactionAsync(new DateRange(new DateOnly(2018, 1, 1), null), CancellationToken.None);
        await _renderer.WaitUntilHeldAsync(1);
        var waiting = kpis.SatisfactionAsync(new DateRange(new DateOnly(2018, 1, 2), null), cancelled.Token);
        var next = kpis.SatisfactionAsync(new DateRange(new DateOnly(2018, 1, 3), null), CancellationToken.None);
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _renderer.ReleaseAll();
        await Task.WhenAll(first, next);
        Assert.Equal(2, _renderer.Rendered);
    }

    public void Dispose()
    {
        _renderer.ReleaseAll();
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }

        _directory.Dispose();
    }

    private KpiService Service(int maxConcurrentQueries) => new(Reader(maxConcurrentQueries), _renderer, TypedKpiService.ProjectCatalog);

    private DuckDbKpiReader Reader(int maxConcurrentQueries)
    {
        var reader = new DuckDbKpiReader(new DuckDbWarehouse(_directory.Combine("warehouse.duckdb"), new WarehouseOptions { MaxConcurrentQueries = maxConcurrentQueries }));
        _readers.Add(reader);
        return reader;
    }

    /// <summary>Renders satisfaction as a one-row query, but only once released; counts what it holds at once.</summary>
    private sealed class HeldRenderer : IModelQueryRenderer
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held;

        public int Held
        {
            get
            {
                lock (_gate)
                {
                    return _held;
                }
            }
        }

        public int MostHeldAtOnce { get; private set; }

        public int Rendered { get; private set; }

        public async Task<string> RenderQueryAsync(string model, IReadOnlyDictionary<string, string>? vars, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _held++;
                Rendered++;
                MostHeldAtOnce = Math.Max(MostHeldAtOnce, _held);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            try
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                lock (_gate)
                {
                    _held--;
                }
            }

            return "SELECT 'early' AS bucket, 1 AS bucket_order, CAST(3 AS BIGINT) AS orders, CAST(4.5 AS DOUBLE) AS avg_review_score, CAST(0 AS DOUBLE) AS share_1_star_pct";
        }

        /// <summary>Waits until <paramref name="count"/> renders are held.</summary>
        public async Task WaitUntilHeldAsync(int count)
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_held >= count)
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public void ReleaseAll() => _release.TrySetResult();
    }
}
