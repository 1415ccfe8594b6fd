using Microsoft.AspNetCore.Hosting;

namespace Olist.Tests.Web.Hardening;

/// <summary>
/// The real app on Kestrel (loopback, random port) over tiny data, with anonymous viewers off, known credentials and
/// a small KPI row limit. A request may carry <see cref="RemoteAddressHeader"/>: the app then sees that address as the
/// connection's remote address, so the real authorization rules and lockouts judge it as a visitor from elsewhere.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fields through IAsyncLifetime.DisposeAsync.")]
public sealed class HardenedServer : IAsyncLifetime
{
    public const string OperatorPassword = "operator-test-password";
    public const string OperatorApiKey = "operator-test-key";
    public const string PublisherApiKey = "publisher-test-key";
    public const int MaxKpiRows = 20;

    /// <summary>The test-only header whose address replaces the connection's remote address.</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private readonly ReadyServer _server = new();

    public Uri Address => _server.Address;

    public IServiceProvider Services => _server.Services;

    public async Task InitializeAsync()
    {
        await TemporaryDataDirectory.GenerateIntoAsync(_server.Data.Paths.RealSources);
        await _server.StartAsync(
            [
                "--Olist:Auth:AnonymousViewers=None",
                $"--Olist:Auth:OperatorPassword={OperatorPassword}",
                $"--Olist:Auth:OperatorApiKey={OperatorApiKey}",
                $"--Olist:Auth:PublisherApiKey={PublisherApiKey}",
                $"--Olist:Api:MaxKpiRows={MaxKpiRows}",
                "--Olist:Schedule:Paused=true",
            ],
            builder => builder.Services.AddSingleton<IStartupFilter, RemoteAddressOverride>());
    }

    /// <summary>A client that the app sees as coming from <paramref name="remote"/> (loopback when null); no redirects followed.</summary>
    public HttpClient Client(string? remote = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = Address };
        if (remote is not null)
        {
            client.DefaultRequestHeaders.Add(RemoteAddressHeader, remote);
        }

        return client;
    }

    /// <summary>A client that sends the operator key, seen as coming from <paramref name="remote"/> (loopback when null).</summary>
    public HttpClient OperatorClient(string? remote = null)
    {
        var client = Client(remote);
        client.DefaultRequestHeaders.Add(Olist.Web.Security.OperatorKey.Header, OperatorApiKey);
        return client;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Outermost middleware: sets the connection's remote address from the test header, before anything reads it.</summary>
    private sealed class RemoteAddressOverride : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[RemoteAddressHeader], out var remote))
                {
                    context.Connection.RemoteIpAddress = remote;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
