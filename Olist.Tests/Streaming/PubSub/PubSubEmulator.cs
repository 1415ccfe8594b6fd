using System.Net.Sockets;
using Olist.Pipeline.Gcp;

namespace Olist.Tests.Streaming.PubSub;

/// <summary>
/// Google's real Pub/Sub emulator (the gcloud component, a Java program). The shared one is the emulator `.ci/run`
/// started (named by <c>PUBSUB_EMULATOR_HOST</c>) or, where none runs, one started on a free loopback port and stopped
/// after; <see cref="Own"/> is always a private one that a test may stop and start again on the same port, as an outage.
/// It keeps its state in memory, so a restart forgets every topic, subscription and message.
/// </summary>
public sealed class PubSubEmulator : IAsyncLifetime
{
    /// <summary>Where the gcloud SDK installs the emulator on this project's machines.</summary>
    public const string Binary = "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator";

    /// <summary>The project id the tests use; the emulator takes any.</summary>
    public const string Project = "olist-test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static int _names;
    private readonly string? _running;
    private Process? _process;

    /// <summary>The shared emulator: the running one <c>PUBSUB_EMULATOR_HOST</c> names, else one of its own.</summary>
    public PubSubEmulator()
        : this(Environment.GetEnvironmentVariable(BusOptions.EmulatorHostVariable))
    {
    }

    private PubSubEmulator(string? running)
    {
        _running = string.IsNullOrWhiteSpace(running) ? null : running.Trim();
        Port = _running is null ? FreePort() : new Uri($"http://{_running}").Port;
    }

    /// <summary>Why emulator tests skip on this machine, or null when the emulator is installed.</summary>
    public static string? SkipReason =>
        File.Exists(Binary)
            ? null
            : $"Google's Pub/Sub emulator is not installed at {Binary} (gcloud component pubsub-emulator, which needs Java 17); it is not on any package registry, so these tests run only where it is installed, as on this project's machines and CI.";

    public int Port { get; }

    /// <summary>The value of <c>PUBSUB_EMULATOR_HOST</c> for this emulator.</summary>
    public string Host => _running ?? $"127.0.0.1:{Port}";

    /// <summary>An emulator of the test's own on a free port, never the shared one: the test may stop and restart it.</summary>
    public static PubSubEmulator Own() => new(running: null);

    /// <summary>A topic, subscription or other id no other test uses (ids need 3 characters at least).</summary>
    public static string UniqueId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _names)}-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        if (SkipReason is null && _running is null)
        {
            await StartAsync();
        }
    }

    public async Task DisposeAsync() => await StopAsync();

    /// <summary>Starts the emulator and waits until <c>GET /</c> answers (a few seconds).</summary>
    public async Task StartAsync()
    {
        if (_running is not null)
        {
            throw new InvalidOperationException($"The emulator at {_running} was started outside the tests; use PubSubEmulator.Own() to start and stop one.");
        }

        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--host=127.0.0.1");
        start.ArgumentList.Add($"--port={Port}");
        // A small heap: the emulator holds a few thousand messages at most here, and the machine is shared.
        start.Environment["JAVA_OPTS"] = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"the Pub/Sub emulator exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Host}/"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills the emulator (and with it everything it stored).</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Bus settings for a fresh topic and subscription of this emulator.</summary>
    public static BusOptions Options(string prefix, string? deadLetterTopic = null) => new()
    {
        Provider = BusOptions.PubSub,
        ProjectId = Project,
        Topic = UniqueId($"{prefix}-topic"),
        Subscription = UniqueId($"{prefix}-sub"),
        DeadLetterTopic = deadLetterTopic,
        EmulatorDetection = EmulatorDetection.EmulatorOnly,
    };

    /// <summary>A Pub/Sub bus on this emulator; its topic and subscription are created on first use.</summary>
    public Task<PubSubMessageBus> BusAsync(BusOptions options, TimeSpan? ackDeadline = null) =>
        PubSubMessageBus.CreateAsync(
            options,
            Host,
            ackDeadline ?? TimeSpan.FromSeconds(10),
            TimeProvider.System,
            NullLogger<PubSubMessageBus>.Instance,
            CancellationToken.None);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One emulator shared by the tests of a collection; each test uses its own topic and subscription.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPubSubEmulator : ICollectionFixture<PubSubEmulator>
{
    public const string Name = "Pub/Sub emulator";
}

/// <summary>A fact reported as skipped, saying why, where Google's Pub/Sub emulator is not installed.</summary>
public sealed class EmulatorFactAttribute : FactAttribute
{
    public EmulatorFactAttribute() => Skip = PubSubEmulator.SkipReason;
}
