namespace Olist.Pipeline.Warehouse;

/// <summary>
/// A fixed set of threads that run blocking warehouse reads. DuckDB runs a query on the calling thread until its result is
/// complete; on the .NET thread pool that would hold pool threads the web server needs for everything else, and the pool
/// grows only slowly under such blocking, so requests would queue for a thread rather than for the warehouse.
/// </summary>
public sealed class QueryThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="count"/> background threads named <paramref name="name"/>.</summary>
    public QueryThreads(int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(Work) { IsBackground = true, Name = $"{name} {i + 1}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="read"/> on one of these threads; its awaits continue there.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(read, cancellationToken, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _threads.Contains(Thread.CurrentThread) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
