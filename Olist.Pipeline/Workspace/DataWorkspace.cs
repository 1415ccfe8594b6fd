using Olist.Pipeline.Configuration;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Orchestration.Store;
using Olist.Pipeline.Progress;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.DeadLetters;
using Olist.Pipeline.Warehouse;

namespace Olist.Pipeline.Workspace;

/// <summary>
/// The data directory as one unit: the warehouse, the live order bus, the ops store, the secret store and the dead
/// letters, and how far the data is (preparing with progress, ready, failed). The first run reports its progress here
/// and opens it once the data is prepared; whatever needs ready data is handed this object and waits for it or asks it,
/// instead of resolving the parts when it runs. Creating it touches nothing on disk or on the network.
/// </summary>
public sealed partial class DataWorkspace(
    DataPaths paths,
    IWarehouse warehouse,
    MessageBusHandle bus,
    OpsStore ops,
    SecretStore secrets,
    DeadLetterStore deadLetters,
    TimeProvider timeProvider,
    ILogger<DataWorkspace> logger)
{
    // Loaders report progress per batch of rows; a page needs only a few updates a second to look live.
    private static readonly TimeSpan ProgressNotifyInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private DataStatus _status = DataStatus.Starting;
    private long _lastNotifiedAt;

    /// <summary>Raised after the status changed, on the thread that changed it.</summary>
    public event Action<DataStatus>? Changed;

    /// <summary>The files and folders of the data directory.</summary>
    public DataPaths Paths => paths;

    /// <summary>The warehouse; its tables are there to read once <see cref="IsReady"/>.</summary>
    public IWarehouse Warehouse => warehouse;

    /// <summary>The live order bus, opened by <see cref="OpenAsync"/> (or by its first use, should that open have failed).</summary>
    public IMessageBus Bus => bus;

    /// <summary>The run history, usable at once: runs are listed and recovered before the data is ready.</summary>
    public OpsStore Ops => ops;

    /// <summary>The hashed secrets (operator password, API keys), usable at once: they are printed on the first start.</summary>
    public SecretStore Secrets => secrets;

    /// <summary>The stream's dead letters, to list and replay once <see cref="IsReady"/>.</summary>
    public DeadLetterStore DeadLetters => deadLetters;

    /// <summary>The latest status.</summary>
    public DataStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>True once the data is prepared and the workspace opened.</summary>
    public bool IsReady => Status.Phase == DataPhase.Ready;

    /// <summary>Records that preparation is busy or failed; watchers hear of it unless it is only a small step of the same work.</summary>
    /// <exception cref="ArgumentException">The status says ready: only <see cref="OpenAsync"/> makes the data ready.</exception>
    public void Report(DataStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Phase == DataPhase.Ready)
        {
            throw new ArgumentException("The data becomes ready by opening the workspace (OpenAsync), not by a report.", nameof(status));
        }

        Publish(status);
    }

    /// <summary>A progress sink that reports each step of <paramref name="activity"/> as a preparing status.</summary>
    public IProgress<WorkProgress> ProgressOf(string activity) => new ActivityProgress(this, activity);

    /// <summary>
    /// Opens the parts that live in the data directory or behind it, then reports the data ready with the totals of
    /// <paramref name="tables"/>. A bus that cannot be opened does not hold the data back: it is logged, <c>/readyz</c>
    /// says so, and each use of the bus tries again.
    /// </summary>
    public async Task OpenAsync(IReadOnlyList<SourceTableStatus> tables, CancellationToken cancellationToken)
    {
        try
        {
            await bus.OpenAsync(cancellationToken);
        }
#pragma warning disable CA1031 // The data is ready whatever the bus does; its users get the reason from each call.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogBusNotOpened(ex, bus.Provider, bus.Subscription);
        }

        Publish(DataStatus.Ready(tables));
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
            OnChanged(Status);
            await ready.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    private void Publish(DataStatus status)
    {
        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            var sameStep = _status.Phase == status.Phase
                && _status.Activity == status.Activity
                && _status.Progress?.Step == status.Progress?.Step;
            _status = status;
            if (sameStep && timeProvider.GetElapsedTime(_lastNotifiedAt, now) < ProgressNotifyInterval)
            {
                return;
            }

            _lastNotifiedAt = now;
        }

        Changed?.Invoke(status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Provider} bus {Subscription} could not be opened; each use tries again and /readyz reports it")]
    private partial void LogBusNotOpened(Exception exception, string provider, string subscription);

    private sealed class ActivityProgress(DataWorkspace workspace, string activity) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => workspace.Report(DataStatus.Preparing(activity, value));
    }
}
