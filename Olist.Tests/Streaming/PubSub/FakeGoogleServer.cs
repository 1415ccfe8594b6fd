using System.Security.Cryptography.X509Certificates;
using Google.Apis.Auth.OAuth2;

namespace Olist.Tests.Streaming.PubSub;

/// <summary>
/// A small local stand-in for what the emulator cannot show: Pub/Sub's REST API over https with bearer tokens (and an
/// OAuth token endpoint over http for a service-account credential), failures answered on cue with Google's error
/// envelope, ALREADY_EXISTS, and a record of every call. It also answers over plain http, as an emulator does.
/// </summary>
internal sealed class FakeGoogleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Http, string Status)>> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resources = new(StringComparer.Ordinal);
    private int _tokens;
    private long _messageIds;

    private FakeGoogleServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>Every API call: method, path (with the <c>:verb</c>), bearer token, and HTTP status answered.</summary>
    public ConcurrentQueue<(string Method, string Path, string? Token, int Status)> Calls { get; } = new();

    /// <summary>Tokens the production calls must no longer use (revoked early): they get 401.</summary>
    public ConcurrentBag<string> RevokedTokens { get; } = [];

    /// <summary>How many access tokens the token endpoint handed out.</summary>
    public int TokensIssued => Volatile.Read(ref _tokens);

    public Uri HttpsAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public static async Task<FakeGoogleServer> StartAsync()
    {
        var certificate = FakeGoogleCredentials.Certificate();
        FakeGoogleServer? fake = null;
        var (app, https, http) = await FakeGoogleCredentials.StartAsync(certificate, context => fake!.HandleAsync(context));
        fake = new FakeGoogleServer(app, certificate) { HttpsAddress = https, HttpAddress = http };
        return fake;
    }

    /// <summary>A cue of <see cref="FailNext"/> that lets its call through.</summary>
    public static readonly (int Http, string Status) Pass = (0, "PASS");

    /// <summary>The next calls whose path ends with <paramref name="verb"/> (such as <c>:publish</c> or <c>topics/t</c>) fail with these answers, in order.</summary>
    public void FailNext(string verb, params (int Http, string Status)[] answers)
    {
        var queue = _failures.GetOrAdd(verb, _ => new ConcurrentQueue<(int, string)>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Marks a topic or subscription as existing, so that creating it answers ALREADY_EXISTS.</summary>
    public void Exists(string name)
    {
        lock (_resources)
        {
            _resources.Add(name);
        }
    }

    /// <summary>A connection handler that trusts this server's certificate and no other.</summary>
    public HttpMessageHandler TrustingHandler() => FakeGoogleCredentials.Trusting(_certificate);

    /// <summary>A service-account credential (a real RSA key) whose token endpoint is this server's, scoped as production scopes it.</summary>
    public GoogleCredential ServiceAccount(string scope) => FakeGoogleCredentials.ServiceAccount(new Uri(HttpAddress, "token"), scope);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == "/token")
        {
            var token = $"token-{Interlocked.Increment(ref _tokens)}";
            await context.Response.WriteAsJsonAsync(new { access_token = token, expires_in = 3600, token_type = "Bearer" });
            return;
        }

        var bearer = context.Request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        var status = await AnswerAsync(context, path, bearer);
        Calls.Enqueue((context.Request.Method, path, bearer, status));
    }

    private async Task<int> AnswerAsync(HttpContext context, string path, string? bearer)
    {
        if (context.Request.IsHttps && (bearer is null || RevokedTokens.Contains(bearer)))
        {
            return await ErrorAsync(context, 401, "UNAUTHENTICATED");
        }

        if (_failures.FirstOrDefault(f => path.EndsWith(f.Key, StringComparison.Ordinal)).Value is { } queue
            && queue.TryDequeue(out var failure)
            && failure.Http != Pass.Http)
        {
            return await ErrorAsync(context, failure.Http, failure.Status);
        }

        var name = path.StartsWith("/v1/", StringComparison.Ordinal) ? path[4..] : path;
        if (context.Request.Method == HttpMethods.Put)
        {
            bool created;
            lock (_resources)
            {
                created = _resources.Add(name);
            }

            if (!created)
            {
                return await ErrorAsync(context, 409, "ALREADY_EXISTS");
            }

            await context.Response.WriteAsJsonAsync(new { name });
            return 200;
        }

        if (name.EndsWith(":publish", StringComparison.Ordinal))
        {
            var request = await JsonNode.ParseAsync(context.Request.Body);
            var count = request!["messages"]!.AsArray().Count;
            if (count > 1_000)
            {
                return await ErrorAsync(context, 400, "INVALID_ARGUMENT");
            }

            var ids = Enumerable.Range(0, count).Select(_ => Interlocked.Increment(ref _messageIds).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            await context.Response.WriteAsJsonAsync(new { messageIds = ids });
            return 200;
        }

        await context.Response.WriteAsync("{}");
        return 200;
    }

    private static async Task<int> ErrorAsync(HttpContext context, int http, string status)
    {
        context.Response.StatusCode = http;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code = http, message = $"fake {status}", status } }));
        return http;
    }
}
