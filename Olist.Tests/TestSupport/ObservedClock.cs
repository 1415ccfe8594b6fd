using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Olist.Tests.TestSupport;

/// <summary>
/// A fake clock that also reports every timer the code under test arms on it (a <c>Task.Delay</c>, a timeout): a loop
/// that sleeps on the clock has finished its iteration once it arms its next timer. A test advances the clock only when
/// the loop sleeps and then awaits that next sleep, so it proves "nothing happened" without waiting real time.
/// </summary>
internal sealed class ObservedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    // Arming a timer must happen: this bound only stops a broken loop from hanging the suite.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    /// <summary>Waits until the next timer not yet reported is armed, and returns how far ahead it is due.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await _armed.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no timer was armed on the clock within {Patience}");
        }
    }

    // A timeout's timer is created disarmed and armed by Change, as CancellationTokenSource.CancelAfter does.
    private void Armed(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Writer.TryWrite(dueTime);
        }
    }

    private sealed class ObservedTimer(ITimer inner, ObservedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
