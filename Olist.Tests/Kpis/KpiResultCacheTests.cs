using Olist.Pipeline.Kpis;

namespace Olist.Tests.Kpis;

/// <summary>KPI rows are reused for the same request and models version, and computed again once a build moved the version.</summary>
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

    private Task<IReadOnlyList<int>> Count() => Task.FromResult<IReadOnlyList<int>>([++_computed]);
}
