using Olist.Pipeline.Progress;

namespace Olist.Web.FirstRun;

/// <summary>The one place that knows how far the data is: written by the first run, watched by pages, the app bar and <c>/readyz</c>.</summary>
public sealed class DataPreparationState(TimeProvider timeProvider)
{
    // Loaders report progress per batch of rows; a page needs only a few updates a second to look live.
    private static readonly TimeSpan ProgressNotifyInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private DataStatus _current = DataStatus.Starting;
    private long _lastNotifiedAt;

    /// <summary>Raised after the status changed, on the thread that changed it.</summary>
    public event Action<DataStatus>? Changed;

    /// <summary>The latest status.</summary>
    public DataStatus Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Records <paramref name="status"/>; watchers hear of it unless it is only a small step of the same work.</summary>
    public void Report(DataStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            var sameStep = _current.Phase == status.Phase
                && _current.Activity == status.Activity
                && _current.Progress?.Step == status.Progress?.Step;
            _current = status;
            if (sameStep && timeProvider.GetElapsedTime(_lastNotifiedAt, now) < ProgressNotifyInterval)
            {
                return;
            }

            _lastNotifiedAt = now;
        }

        Changed?.Invoke(status);
    }

    /// <summary>Completes once the data is ready; background services that need the warehouse start from here.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(DataStatus status)
        {
            if (status.Phase == DataPhase.Ready)
            {
                ready.TrySetResult();
            }
        }

        Changed += OnChanged;
        try
        {
            OnChanged(Current);
            await ready.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    /// <summary>A progress sink that reports each step of <paramref name="activity"/> as a preparing status.</summary>
    public IProgress<WorkProgress> ProgressOf(string activity) => new ActivityProgress(this, activity);

    private sealed class ActivityProgress(DataPreparationState state, string activity) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => state.Report(DataStatus.Preparing(activity, value));
    }
}
