using Google.Apis.Auth.OAuth2;

namespace Olist.Pipeline.Gcp;

/// <summary>
/// Builds the <see cref="HttpClient"/> of a Google REST API: retries by method class outermost, then the bearer token
/// (production only), then the connection. Production credentials are Application Default Credentials.
/// </summary>
public static class GoogleHttp
{
    /// <summary>
    /// The client for <paramref name="endpoint"/>. Production asks for Application Default Credentials scoped to
    /// <paramref name="scope"/> unless <paramref name="credential"/> is given; the emulator gets none.
    /// <paramref name="connection"/> replaces the default connection handler (tests trust their own certificate with it).
    /// </summary>
    public static async Task<HttpClient> CreateClientAsync(
        GoogleEndpoint endpoint,
        string scope,
        TimeProvider timeProvider,
        GoogleCredential? credential,
        HttpMessageHandler? connection,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        HttpMessageHandler inner = connection ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (!endpoint.IsEmulator)
        {
            credential ??= (await GoogleCredential.GetApplicationDefaultAsync(cancellationToken)).CreateScoped(scope).CreateWithEnvironmentQuotaProject();
            inner = new GoogleBearerHandler(credential) { InnerHandler = inner };
        }

        // Each attempt has its own timeout in the retry handler; the client's own would cut a retrying call short.
        return new HttpClient(new GoogleRetryHandler(timeProvider) { InnerHandler = inner })
        {
            BaseAddress = endpoint.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}
