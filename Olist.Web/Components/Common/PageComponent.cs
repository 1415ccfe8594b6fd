namespace Olist.Web.Components.Common;

/// <summary>A component whose queries stop when it goes away: they take <see cref="Closed"/>.</summary>
public abstract class PageComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    /// <summary>Cancelled when the component goes away, so queries it started stop with it.</summary>
    protected CancellationToken Closed => _closed.Token;

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
        GC.SuppressFinalize(this);
    }
}
