namespace Olist.Tests.Web.Kpis;

/// <summary>
/// One real app over a tiny generated dataset (generated, loaded and built by the first run) and one Chromium, shared by
/// the KPI browser tests so the suite pays for the first run once.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class KpiServerFixture : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly HttpClient _client = new();
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>The app's address.</summary>
    public Uri Address => _app!.ListeningAddress();

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _app = OlistWebApp.Build(ServerArguments.For(_data));
        await _app.StartAsync();
        await ReadyProbe.WaitUntilReadyAsync(_client, _app.ListeningAddress());
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.StopAndDisposeAsync();

        _client.Dispose();
        _data.Dispose();
    }
}
