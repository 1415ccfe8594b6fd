using System.Collections.Concurrent;

namespace Olist.Pipeline.Kpis;

/// <summary>
/// KPI rows by request for one version of the warehouse's models (<see cref="Warehouse.DuckDbWarehouse.ModelsVersion"/>):
/// the KPI tables, and the marts a date range is computed from, change only with a build, so a repeated request is
/// answered from memory until the next build instead of running the model's query again.
/// </summary>
internal sealed class KpiResultCache
{
    /// <summary>Distinct requests kept; past it the cache starts again, which bounds memory without tracking use.</summary>
    private const int MaxEntries = 512;

    private readonly ConcurrentDictionary<string, object> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version = -1;

    /// <summary>
    /// The rows cached for <paramref name="key"/> at <paramref name="version"/>, else those <paramref name="compute"/>
    /// returns, kept unless the version moved on while they were computed. Read the version before computing.
    /// </summary>
    public async Task<IReadOnlyList<T>> GetOrAddAsync<T>(long version, string key, Func<Task<IReadOnlyList<T>>> compute)
    {
        lock (_gate)
        {
            if (_version != version || _rows.Count >= MaxEntries)
            {
                _rows.Clear();
                _version = version;
            }
        }

        if (_rows.TryGetValue(key, out var cached))
        {
            return (IReadOnlyList<T>)cached;
        }

        var rows = (await compute()).ToList().AsReadOnly();
        lock (_gate)
        {
            if (_version == version)
            {
                _rows[key] = rows;
            }
        }

        return rows;
    }
}
