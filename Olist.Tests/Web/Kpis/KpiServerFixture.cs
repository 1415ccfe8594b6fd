namespace Olist.Tests.Web.Kpis;

/// <summary>
/// One real app over a tiny generated dataset (generated, loaded and built by the first run) and one Chromium, shared by
/// the KPI browser tests so the suite pays for the first run once.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class KpiServerFixture : IAsyncLifetime
{
    private readonly ReadyServer _server = new();
    private IPlaywright? _playwright;

    /// <summary>The app's address.</summary>
    public Uri Address => _server.Address;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync([]);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await _server.DisposeAsync();
    }
}
