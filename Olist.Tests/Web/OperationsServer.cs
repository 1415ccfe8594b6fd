namespace Olist.Tests.Web;

/// <summary>
/// The real app on a free loopback port over tiny generated data placed where the first run looks for real files (so
/// the days with orders are known), with a known operator password and key, and the scheduler paused so only the
/// tests' own runs run. Shared by a test class.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class OperationsServer : IAsyncLifetime
{
    public const string OperatorPassword = "operator-test-password";
    public const string OperatorApiKey = "operator-test-key";

    private readonly ReadyServer _server = new();

    public Uri Address => _server.Address;

    public async Task InitializeAsync()
    {
        await TemporaryDataDirectory.GenerateIntoAsync(_server.Data.Paths.RealSources);
        await _server.StartAsync(
        [
            $"--Olist:Auth:OperatorPassword={OperatorPassword}",
            $"--Olist:Auth:OperatorApiKey={OperatorApiKey}",
            "--Olist:Schedule:Paused=true",
        ]);
    }

    /// <summary>A client of the app; cookies are kept and redirects are not followed, so sign-in answers can be checked.</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = Address };

    /// <summary>The latest day of the tiny dataset with orders.</summary>
    public async Task<DateOnly> DayWithOrdersAsync() =>
        (await new NewDataCheck(new DuckDbWarehouse(_server.Data.Paths.Warehouse)).CountByDayAsync(DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None)).Keys.Max();

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
