namespace Olist.Pipeline.Kpis;

/// <summary>
/// KPI rows by request for one version of the warehouse's models (<see cref="Warehouse.DuckDbWarehouse.ModelsVersion"/>):
/// the KPI tables, and the marts a date range is computed from, change only with a build, so a repeated request is
/// answered from memory until the next build instead of running the model's query again. Requests that arrive while
/// the same rows are being computed wait for that computation instead of starting their own: right after a build every
/// open dashboard asks for the same rows at once.
/// </summary>
internal sealed class KpiResultCache
{
    /// <summary>Distinct requests kept; past it the cache starts again, which bounds memory without tracking use.</summary>
    private const int MaxEntries = 512;

    private readonly Dictionary<string, Task<object>> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version = -1;

    /// <summary>
    /// The rows cached (or being computed) for <paramref name="key"/> at <paramref name="version"/>, else those
    /// <paramref name="compute"/> returns, kept unless the version moved on while they were computed. Read the version
    /// before computing. A failed computation is not kept, and its waiters get its error; one whose request was cancelled
    /// hands the work to a waiter. <paramref name="cancellationToken"/> is the request's, which <paramref name="compute"/> also uses.
    /// </summary>
    public async Task<IReadOnlyList<T>> GetOrAddAsync<T>(long version, string key, Func<Task<IReadOnlyList<T>>> compute, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (shared, mine) = Claim(version, key);
            if (shared is null)
            {
                return await ComputeAsync(key, compute, mine, cancellationToken);
            }

            try
            {
                return (IReadOnlyList<T>)await shared.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request computing these rows was cancelled, not this one: compute them here.
            }
        }
    }

    /// <summary>The computation already under way for the key, or a new one this caller must complete (null when the version is stale: compute, keep nothing).</summary>
    private (Task<object>? Shared, TaskCompletionSource<object>? Mine) Claim(long version, string key)
    {
        lock (_gate)
        {
            if (version > _version || _rows.Count >= MaxEntries)
            {
                _rows.Clear();
                _version = version;
            }

            if (version < _version)
            {
                return (null, null);
            }

            if (_rows.TryGetValue(key, out var shared))
            {
                return (shared, null);
            }

            var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            _rows[key] = mine.Task;
            return (null, mine);
        }
    }

    private async Task<IReadOnlyList<T>> ComputeAsync<T>(
        string key, Func<Task<IReadOnlyList<T>>> compute, TaskCompletionSource<object>? mine, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<T> rows = (await compute()).ToList().AsReadOnly();
            mine?.SetResult(rows);
            return rows;
        }
        catch (Exception ex)
        {
            if (mine is not null)
            {
                lock (_gate)
                {
                    if (_rows.TryGetValue(key, out var current) && current == mine.Task)
                    {
                        _rows.Remove(key);
                    }
                }

                // A cancelled query may fail with the database's own error (DuckDB reports an interrupt): the waiters
                // did not ask to stop, so they take the work over instead of getting that error.
                if (ex is OperationCanceledException || cancellationToken.IsCancellationRequested)
                {
                    mine.SetCanceled(CancellationToken.None);
                }
                else
                {
                    mine.SetException(ex);
                }
            }

            throw;
        }
    }
}
