namespace Olist.Tests.Kpis;

/// <summary>KPI rows are reused for the same request and models version, computed again once a build moved the version, and failures are not kept.</summary>
public sealed class KpiResultCacheTests
{
    private readonly KpiResultCache _cache = new();
    private int _computed;

    [Fact]
    public async Task The_same_request_at_the_same_version_is_computed_once()
    {
        var first = await _cache.GetOrAddAsync(1, "sales-trends|month", Count);
        var second = await _cache.GetOrAddAsync(1, "sales-trends|month", Count);
        var other = await _cache.GetOrAddAsync(1, "sales-trends|day", Count);

        Assert.Equal([1], first);
        Assert.Equal([1], second);
        Assert.Equal([2], other);
    }

    [Fact]
    public async Task A_new_version_computes_again()
    {
        await _cache.GetOrAddAsync(1, "retention", Count);

        Assert.Equal([2], await _cache.GetOrAddAsync(2, "retention", Count));
        Assert.Equal([2], await _cache.GetOrAddAsync(2, "retention", Count));
    }

    [Fact]
    public async Task Rows_computed_while_a_build_moved_the_version_are_not_kept()
    {
        var during = await _cache.GetOrAddAsync(1, "retention", async () =>
        {
            await _cache.GetOrAddAsync(2, "other", Count);
            return await Count();
        });

        Assert.Equal([2], during);
        Assert.Equal([3], await _cache.GetOrAddAsync(2, "retention", Count));
    }

    [Fact]
    public async Task A_failed_computation_fails_its_waiters_and_is_not_kept()
    {
        var failing = new TaskCompletionSource<IReadOnlyList<int>>();
        var first = _cache.GetOrAddAsync(1, "retention", () => failing.Task);
        var waiter = _cache.GetOrAddAsync(1, "retention", Count);

        failing.SetException(new InvalidOperationException("table missing"));

        Assert.Equal("table missing", (await Assert.ThrowsAsync<InvalidOperationException>(() => first)).Message);
        Assert.Equal("table missing", (await Assert.ThrowsAsync<InvalidOperationException>(() => waiter)).Message);
        Assert.Equal([1], await _cache.GetOrAddAsync(1, "retention", Count));
    }

    [Fact]
    public async Task A_waiter_computes_the_rows_itself_when_the_request_computing_them_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        var running = new TaskCompletionSource();
        var first = _cache.GetOrAddAsync<int>(
            1,
            "retention",
            async () =>
            {
                running.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancelled.Token);
                }
                catch (OperationCanceledException)
                {
                    // What DuckDB reports when a command is cancelled: its own error, not a cancellation.
                    throw new InvalidOperationException("INTERRUPT Error: Interrupted!");
                }

                return [0];
            },
            cancelled.Token);
        await running.Task;
        var waiter = _cache.GetOrAddAsync(1, "retention", Count);

        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal([1], await waiter);
    }

    private Task<IReadOnlyList<int>> Count() => Task.FromResult<IReadOnlyList<int>>([++_computed]);
}
