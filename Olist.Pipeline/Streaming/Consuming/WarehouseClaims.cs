namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// One stream consumer per warehouse file in this process: the consumer's dedupe state (messages handled, events
/// accepted, orders) lives in memory, so two consumers writing to one warehouse would each accept what the other already
/// had. A second consumer waits for the claim and takes over with the state read afresh from the warehouse.
/// </summary>
internal static class WarehouseClaims
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Claims = new(StringComparer.Ordinal);

    /// <summary>Waits until no other consumer of this process holds <paramref name="warehousePath"/>; disposing the claim releases it.</summary>
    public static async Task<IDisposable> TakeAsync(string warehousePath, CancellationToken cancellationToken)
    {
        var gate = Claims.GetOrAdd(Path.GetFullPath(warehousePath), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Claim(gate);
    }

    private sealed class Claim(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
