namespace Olist.Tests.TestSupport;

/// <summary>
/// A fake clock that also reports every timer the code under test arms on it (a <c>Task.Delay</c>, a timeout): a loop
/// that sleeps on the clock has finished its iteration once it arms its next timer. A test advances the clock only when
/// the loop sleeps and then awaits that next sleep, so it proves "nothing happened" without waiting real time.
/// </summary>
internal sealed class ObservedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Occurrences<TimeSpan> _armed = new("arming a timer on the fake clock");

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    /// <summary>Waits until the next timer not yet reported is armed, and returns how far ahead it is due.</summary>
    public Task<TimeSpan> NextTimerAsync() => _armed.NextAsync();

    // A timeout's timer is created disarmed and armed by Change, as CancellationTokenSource.CancelAfter does.
    private void Armed(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Add(dueTime);
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
