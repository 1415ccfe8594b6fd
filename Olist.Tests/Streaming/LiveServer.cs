namespace Olist.Tests.Streaming;

/// <summary>The real app (Kestrel on a loopback port) over a test's data directory, with a known publisher key: publish to it, read its summary, restart it.</summary>
internal sealed class LiveServer : IAsyncDisposable
{
    /// <summary>The publisher key the server is configured with.</summary>
    public const string Key = "test-publisher-key";

    private readonly TemporaryDataDirectory _data;
    private readonly string[] _extraArguments;

    private LiveServer(TemporaryDataDirectory data, string[] extraArguments, WebApplication app)
    {
        _data = data;
        _extraArguments = extraArguments;
        App = app;
    }

    public WebApplication App { get; private set; }

    public Uri Address => App.ListeningAddress();

    public HttpClient Client { get; } = new();

    /// <summary>The event endpoints at the current address; built per call because a restart replaces the app.</summary>
    private LiveApi Api => new(Client, Address, Key);

    /// <summary>Starts the app over <paramref name="data"/> and waits until its data is ready.</summary>
    public static async Task<LiveServer> StartAsync(TemporaryDataDirectory data, params string[] extraArguments)
    {
        var server = new LiveServer(data, extraArguments, await StartAppAsync(data, extraArguments, port: 0));
        await ReadyProbe.WaitUntilReadyAsync(server.Client, server.Address);
        return server;
    }

    /// <summary>Starts the app over <paramref name="data"/> and waits until its data is ready, returning what <c>/readyz</c> says of its bus.</summary>
    public static async Task<(LiveServer Server, string Readiness)> StartWithAnyBusAsync(TemporaryDataDirectory data)
    {
        var server = new LiveServer(data, [], await StartAppAsync(data, [], port: 0));
        return (server, await ReadyProbe.WaitUntilDataReadyAsync(server.Client, server.Address));
    }

    /// <summary>Stops the app and starts a new one on the same port and data directory, as a server restart does.</summary>
    public async Task RestartAsync()
    {
        var port = Address.Port;
        await StopAsync();
        App = await StartAppAsync(_data, _extraArguments, port);
        await ReadyProbe.WaitUntilReadyAsync(Client, Address);
    }

    /// <summary>Posts <paramref name="body"/> to the ingestion endpoint.</summary>
    public Task<HttpResponseMessage> PostAsync(string body, string contentType, string? key) => Api.PostAsync(body, contentType, key);

    /// <summary>Publishes <paramref name="events"/> as one NDJSON request and returns their message ids.</summary>
    public Task<IReadOnlyList<string>> PublishAsync(IEnumerable<string> events) => Api.PublishAsync(events);

    /// <summary>The products and customers the server offers publishers.</summary>
    public Task<LiveCatalog> ReadCatalogAsync() => Api.ReadCatalogAsync();

    /// <summary>New orders generated over the server's own catalog, as JSON lines.</summary>
    public async Task<IReadOnlyList<string>> GenerateOrdersAsync(int count, int seed)
    {
        var generator = new LiveOrderGenerator(await ReadCatalogAsync(), new LiveGeneratorOptions(Seed: seed, OriginalFormatShare: 0), TimeProvider.System);
        return [.. Enumerable.Range(0, count).Select(_ => Encoding.UTF8.GetString(generator.Next().Body))];
    }

    /// <summary>Polls <c>GET /api/live/summary</c> until <paramref name="condition"/> holds.</summary>
    public Task<JsonElement> WaitForSummaryAsync(Func<JsonElement, bool> condition) => Api.WaitForSummaryAsync(condition, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
    }

    private async Task StopAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static async Task<WebApplication> StartAppAsync(TemporaryDataDirectory data, string[] extraArguments, int port)
    {
        var app = OlistWebApp.Build(
        [
            .. ServerArguments.For(data),
            "--urls", $"http://127.0.0.1:{port}",
            $"--Olist:Auth:PublisherApiKey={Key}",
            "--Olist:Stream:PullWait=00:00:00.05",
            .. extraArguments,
        ]);
        await app.StartAsync();
        return app;
    }
}
