using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Olist.Web.Kpis;

namespace Olist.Tests.Web.Kpis;

/// <summary>The headline warmer: once the data is ready and after every build, the overview's delivery days are already cached.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class HeadlineWarmerTests : IAsyncLifetime
{
    private readonly FakeKpiService _kpis = new();
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly TempDirectory _directory = new();
    private readonly ObservedClock _clock = new(new DateTimeOffset(2018, 2, 1, 6, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger _logger = new();
    private readonly ServiceProvider _services;
    private readonly DataWorkspace _workspace;
    private readonly HeadlineReader _reader;

    public HeadlineWarmerTests()
    {
        // The workspace's own parts (its bus's flush loop) keep the real clock, so the observed clock sees the warmer's sleeps alone.
        _services = TestPipeline.Create(_directory.Path);
        _workspace = _services.GetRequiredService<DataWorkspace>();
        _reader = new HeadlineReader(_kpis, _cache, _workspace.Warehouse);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _cache.Dispose();
        await _services.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Once_the_data_is_ready_the_default_range_reads_its_delivery_days_from_the_cache()
    {
        using var warmer = new HeadlineWarmer(_reader, _workspace, _clock, _logger);
        await warmer.StartAsync(CancellationToken.None);
        await _workspace.OpenAsync([], CancellationToken.None);
        await _clock.NextTimerAsync();
        Assert.Equal(1, _logger.Count("LogWarmed"));
        var warmedCalls = DeliveryCalls();

        // As the tiles read on a visit without from/to in the URL.
        var headlines = await _reader.ReadAsync(DateRange.All, CancellationToken.None);
        var delivery = await _reader.ReadDeliveryAsync(HeadlineReader.DeliveryMonths(headlines), DateRange.All, CancellationToken.None);
        await warmer.StopAsync(CancellationToken.None);

        Assert.Equal(FakeKpiService.Months.Count, warmedCalls);
        Assert.Equal(warmedCalls, DeliveryCalls());
        Assert.NotNull(delivery.Value);
        Assert.Equal(1, _logger.Count("LogStopped"));
    }

    [Fact]
    public async Task A_build_makes_it_read_again_and_a_failure_is_a_warning_that_waits_for_the_next_build()
    {
        await _workspace.OpenAsync([], CancellationToken.None);
        using var warmer = new HeadlineWarmer(_reader, _workspace, _clock, _logger);
        await warmer.StartAsync(CancellationToken.None);
        await _clock.NextTimerAsync();
        Assert.Equal(1, _logger.Count("LogWarmed"));

        _kpis.Failure = new InvalidOperationException("the warehouse is gone");
        _workspace.Warehouse.ModelsChanged();
        await NextPollAsync();
        Assert.Equal(1, _logger.Count("LogWarmFailed"));
        var callsAfterFailure = _kpis.Calls.Count;

        // Same models: no second try however many polls pass; each poll ends when the loop sleeps again.
        for (var i = 0; i < 3; i++)
        {
            await NextPollAsync();
        }

        var callsWhileUnchanged = _kpis.Calls.Count;
        _kpis.Failure = null;
        _workspace.Warehouse.ModelsChanged();
        await NextPollAsync();
        Assert.Equal(2, _logger.Count("LogWarmed"));
        await warmer.StopAsync(CancellationToken.None);

        Assert.Equal(callsAfterFailure, callsWhileUnchanged);
        Assert.Equal(2 * FakeKpiService.Months.Count, DeliveryCalls());
        Assert.Equal(LogLevel.Warning, _logger.LevelOf("LogWarmFailed"));
    }

    private int DeliveryCalls() => _kpis.Calls.Count(c => c.Kpi == "delivery-times");

    /// <summary>Wakes the sleeping warmer for its next poll and waits until it sleeps again, its look at the models done.</summary>
    private async Task NextPollAsync()
    {
        _clock.Advance(HeadlineWarmer.Poll);
        await _clock.NextTimerAsync();
    }

    /// <summary>Records the warmer's log entries by their source-generated event name.</summary>
    private sealed class RecordingLogger : ILogger<HeadlineWarmer>
    {
        private readonly List<(LogLevel Level, string? Name)> _entries = [];

        public int Count(string name)
        {
            lock (_entries)
            {
                return _entries.Count(e => e.Name == name);
            }
        }

        public LogLevel LevelOf(string name)
        {
            lock (_entries)
            {
                return _entries.First(e => e.Name == name).Level;
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, eventId.Name));
            }
        }
    }
}
