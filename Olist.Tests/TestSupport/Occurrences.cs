using System.Threading.Channels;

namespace Olist.Tests.TestSupport;

/// <summary>
/// Things the code under test reports as they happen (a timer armed, messages handed back), which a test awaits one at a
/// time instead of sleeping. They must happen: the bound only stops a broken loop from hanging the suite.
/// </summary>
internal sealed class Occurrences<T>(string what)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Channel<T> _happened = Channel.CreateUnbounded<T>();

    public void Add(T value) => _happened.Writer.TryWrite(value);

    /// <summary>The next occurrence not yet awaited, as soon as it happens.</summary>
    public async Task<T> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await _happened.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} did not happen within {Patience}");
        }
    }
}
