using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Apis.Auth.OAuth2;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Olist.Tests.TestSupport;

/// <summary>What the local fakes of Google's APIs need to look like production: a certificate for 127.0.0.1 and a service-account credential whose token endpoint is the fake's.</summary>
internal static class FakeGoogleCredentials
{
    /// <summary>A self-signed certificate for 127.0.0.1, valid for an hour.</summary>
    public static X509Certificate2 Certificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Reloaded from PKCS#12 so that the private key can be used by the TLS stack on Linux.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Starts a Kestrel server answering every request with <paramref name="handle"/>, over https with
    /// <paramref name="certificate"/> and over plain http, on free loopback ports; returns it and both addresses.
    /// </summary>
    public static async Task<(WebApplication App, Uri Https, Uri Http)> StartAsync(X509Certificate2 certificate, Func<HttpContext, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(context => handle(context));
        await app.StartAsync();
        var addresses = app.Urls.Select(u => new Uri(u)).ToList();
        return (app, addresses.Single(a => a.Scheme == Uri.UriSchemeHttps), addresses.Single(a => a.Scheme == Uri.UriSchemeHttp));
    }

    /// <summary>A connection handler that trusts <paramref name="certificate"/> and no other.</summary>
    public static HttpMessageHandler Trusting(X509Certificate2 certificate) => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
    };

    /// <summary>A service-account credential (a real RSA key) that gets its tokens from <paramref name="tokenUri"/>, scoped as production scopes it.</summary>
    public static GoogleCredential ServiceAccount(Uri tokenUri, string scope)
    {
        using var key = RSA.Create(2048);
        var json = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "olist-fake",
            ["private_key_id"] = "key-1",
            ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "olist@olist-fake.iam.gserviceaccount.com",
            ["client_id"] = "1",
            ["token_uri"] = tokenUri.ToString(),
        }.ToJsonString();
        return CredentialFactory.FromJson<ServiceAccountCredential>(json).ToGoogleCredential().CreateScoped(scope);
    }
}
