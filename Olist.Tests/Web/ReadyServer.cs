namespace Olist.Tests.Web;

/// <summary>
/// The real app on Kestrel (a free loopback port) over a data directory of its own, started and probed until ready;
/// on dispose the app stops and the directory is deleted. The server fixtures differ only in the settings they add.
/// </summary>
internal sealed class ReadyServer : IAsyncDisposable
{
    private readonly HttpClient _probe = new();
    private WebApplication? _app;

    /// <summary>The app's data directory; a fixture may place source files in it before <see cref="StartAsync"/>.</summary>
    public TemporaryDataDirectory Data { get; } = new();

    public Uri Address => _app!.ListeningAddress();

    public IServiceProvider Services => _app!.Services;

    /// <summary>Starts the app with <paramref name="settings"/> after the test server's arguments, and waits until its data is ready.</summary>
    public async Task StartAsync(string[] settings, Action<WebApplicationBuilder>? configure = null)
    {
        _app = OlistWebApp.Build([.. ServerArguments.For(Data), .. settings], configure);
        await _app.StartAsync();
        await ReadyProbe.WaitUntilReadyAsync(_probe, Address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAndDisposeAsync();
        _probe.Dispose();
        Data.Dispose();
    }
}
