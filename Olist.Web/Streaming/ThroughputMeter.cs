namespace Olist.Web.Streaming;

/// <summary>Messages settled per second over a sliding window, from the committed batches the app has seen since it started.</summary>
public sealed class ThroughputMeter(TimeProvider timeProvider)
{
    /// <summary>The window the rate is averaged over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<(DateTimeOffset At, long Messages)> _batches = new();
    private readonly Lock _gate = new();

    /// <summary>Notes a batch of <paramref name="messages"/> settled at <paramref name="at"/>.</summary>
    public void Record(DateTimeOffset at, long messages)
    {
        lock (_gate)
        {
            _batches.Enqueue((at, messages));
            Trim(timeProvider.GetUtcNow());
        }
    }

    /// <summary>Messages per second over the last <see cref="Window"/>.</summary>
    public double MessagesPerSecond
    {
        get
        {
            lock (_gate)
            {
                Trim(timeProvider.GetUtcNow());
                return _batches.Sum(b => b.Messages) / Window.TotalSeconds;
            }
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_batches.TryPeek(out var oldest) && oldest.At < now - Window)
        {
            _batches.Dequeue();
        }
    }
}
