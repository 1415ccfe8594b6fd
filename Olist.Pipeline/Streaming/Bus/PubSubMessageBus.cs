using System.Runtime.InteropServices;
using Google.Apis.Auth.OAuth2;
using Olist.Pipeline.Gcp;
using Olist.Pipeline.Gcp.PubSub;
using Olist.Pipeline.Streaming.DeadLetters;

namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The order topic on Google Cloud Pub/Sub (or its emulator) over the REST API. Publishing splits a request into calls
/// of at most 1,000 messages and 9 MiB, in order, and reports the ids stored before a failure. A pull long-polls for the
/// first messages and keeps pulling while full answers come, so batches grow under load. Every lease this process holds
/// is extended with <c>modifyAckDeadline</c> until the consumer acknowledges or hands it back, so a batch being written
/// is never delivered to another consumer meanwhile. Pub/Sub counts delivery attempts only under a dead-letter policy,
/// which the app must not set (it would dead-letter messages nacked for an outage), so attempts are counted here.
/// </summary>
public sealed partial class PubSubMessageBus : IMessageBus, IDeadLetterTopic, IAsyncDisposable
{
    /// <summary>The scope production calls ask for.</summary>
    public const string Scope = "https://www.googleapis.com/auth/pubsub";

    /// <summary>How often leases are looked at for extension.</summary>
    private static readonly TimeSpan ExtensionTick = TimeSpan.FromSeconds(1);

    /// <summary>The shortest ack deadline a subscription can have: a fresh lease is assumed to last no longer.</summary>
    private static readonly TimeSpan ShortestDeadline = TimeSpan.FromSeconds(10);

    /// <summary>A lease is given up after this long, so a message stuck in a consumer goes to another one eventually.</summary>
    private static readonly TimeSpan MaxLeaseExtension = TimeSpan.FromHours(1);

    /// <summary>An answer this large counts as full: the emulator's largest, and below what production gives a backlog.</summary>
    private const int FullAnswer = 100;

    /// <summary>How long the latest pull's lag stands for the consumer's lag when this process holds no message.</summary>
    private static readonly TimeSpan RecentPull = TimeSpan.FromSeconds(10);

    /// <summary>The shortest wait of a first pull before it is given up (see <see cref="PullAsync"/>).</summary>
    public static readonly TimeSpan MinimumLongPoll = TimeSpan.FromSeconds(30);

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    private readonly PubSubClient _client;
    private readonly HttpClient _http;
    private readonly string _topic;
    private readonly string? _deadLetterTopic;
    private readonly TimeSpan _ackDeadline;
    private readonly bool _createResources;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ensureGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _extending;
    private volatile bool _ensured;
    private int _disposed;
    private long _errors;
    private BusError? _lastError;
    private volatile DeliveryLag? _lastDelivery;

    private PubSubMessageBus(HttpClient http, BusOptions options, GoogleEndpoint endpoint, TimeSpan ackDeadline, TimeProvider timeProvider, ILogger logger)
    {
        _http = http;
        _client = new PubSubClient(http);
        var project = options.ProjectId ?? string.Empty;
        _topic = PubSubNames.Topic(project, options.Topic);
        Subscription = PubSubNames.Subscription(project, options.Subscription);
        _deadLetterTopic = string.IsNullOrWhiteSpace(options.DeadLetterTopic) ? null : PubSubNames.Topic(project, options.DeadLetterTopic);
        _ackDeadline = ackDeadline;
        _createResources = options.CreateResources;
        _timeProvider = timeProvider;
        _logger = logger;
        Endpoint = endpoint;
        _extending = Task.Run(() => ExtendLeasesAsync(_stopping.Token));
    }

    public string Provider => BusOptions.PubSub;

    public string Subscription { get; }

    /// <summary>The topic publishes go to.</summary>
    public string Topic => _topic;

    /// <summary>Where the calls go: production or the emulator.</summary>
    public GoogleEndpoint Endpoint { get; }

    /// <summary>True when a dead-letter topic is configured and dead letters are also published there.</summary>
    public bool HasDeadLetterTopic => _deadLetterTopic is not null;

    /// <summary>
    /// A bus over the topic and subscription of <paramref name="options"/>; <paramref name="emulatorHost"/> is the value of
    /// <c>PUBSUB_EMULATOR_HOST</c>. Nothing is called yet: the resources are created on first use when
    /// <see cref="BusOptions.CreateResources"/> is on. <paramref name="credential"/> and <paramref name="connection"/>
    /// replace Application Default Credentials and the connection handler (tests).
    /// </summary>
    public static async Task<PubSubMessageBus> CreateAsync(
        BusOptions options,
        string? emulatorHost,
        TimeSpan ackDeadline,
        TimeProvider timeProvider,
        ILogger<PubSubMessageBus> logger,
        CancellationToken cancellationToken,
        GoogleCredential? credential = null,
        HttpMessageHandler? connection = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = GoogleEndpoint.Resolve(options.EmulatorDetection, BusOptions.EmulatorHostVariable, emulatorHost, options.Endpoint, "v1/");
        var http = await GoogleHttp.CreateClientAsync(endpoint, Scope, timeProvider, credential, connection, cancellationToken);
        try
        {
            return new PubSubMessageBus(http, options, endpoint, ackDeadline, timeProvider, logger);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates the topic, the dead-letter topic (when set) and the subscription where missing; what already exists is
    /// left as it is. Returns one line per resource saying which.
    /// </summary>
    public async Task<IReadOnlyList<string>> SetupAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var topic in new[] { _topic, _deadLetterTopic }.OfType<string>())
        {
            lines.Add($"{topic}: {(await _client.CreateTopicAsync(topic, cancellationToken) ? "created" : "exists")}");
        }

        var created = await _client.CreateSubscriptionAsync(Subscription, _topic, _ackDeadline, cancellationToken);
        lines.Add($"{Subscription} on {_topic}: {(created ? "created" : "exists")}");
        _ensured = true;
        return lines;
    }

    public async Task<IReadOnlyList<string>> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outgoing = messages.Select(m => new PubSubOutgoing(m.Body, m.Attributes is { Count: > 0 } a ? a : null)).ToList();
        var ids = new List<string>(messages.Count);
        try
        {
            await EnsureAsync(cancellationToken);
            foreach (var range in PubSubClient.Batches(outgoing))
            {
                var (offset, length) = range.GetOffsetAndLength(outgoing.Count);
                ids.AddRange(await WithResourcesAsync(
                    token => _client.PublishAsync(_topic, outgoing.GetRange(offset, length), token), cancellationToken));
            }

            return ids;
        }
        catch (GoogleApiException ex)
        {
            Note(ex);
            throw new BusPublishException(
                ids.Count == 0 ? ex.Message : $"{ex.Message}; the first {ids.Count} of {messages.Count} messages were stored",
                ids,
                ex.IsTransient,
                ex);
        }
    }

    /// <summary>
    /// Long-polls for the first messages for at least <see cref="MinimumLongPoll"/> (longer than <paramref name="maxWait"/>
    /// when that is shorter): a pull given up while Pub/Sub hands it messages strands them until their lease runs out, so
    /// pulls are given up only when idle for long or when stopping. While answers come full, takes more at once.
    /// </summary>
    public async Task<IReadOnlyList<BusMessage>> PullAsync(int maxMessages, TimeSpan ackDeadline, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        var received = new List<PubSubReceived>();
        try
        {
            await EnsureAsync(cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(maxWait > MinimumLongPoll ? maxWait : MinimumLongPoll);
            try
            {
                received.AddRange(await WithResourcesAsync(token => _client.PullAsync(Subscription, maxMessages, returnImmediately: false, token), wait.Token));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return [];
            }

            // A full answer means more may wait: pull again at once, so that a backlog is taken in large batches (the
            // emulator answers at most 100 messages per pull); a shorter or empty answer means the backlog is drained.
            var last = received.Count;
            while (received.Count < maxMessages && last >= Math.Min(FullAnswer, maxMessages - (received.Count - last)))
            {
                var more = await _client.PullAsync(Subscription, maxMessages - received.Count, returnImmediately: true, cancellationToken);
                received.AddRange(more);
                last = more.Count;
            }
        }
        catch (GoogleApiException ex)
        {
            Note(ex);
            if (received.Count == 0)
            {
                throw;
            }
        }

        return TakeLeases(received);
    }

    public async Task AcknowledgeAsync(IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ackIds);
        if (ackIds.Count == 0)
        {
            return;
        }

        foreach (var ackId in ackIds)
        {
            if (_leases.TryRemove(ackId, out var lease))
            {
                _deliveries.TryRemove(lease.MessageId, out _);
            }
        }

        await CallAsync(token => _client.AcknowledgeAsync(Subscription, ackIds, token), cancellationToken);
    }

    public async Task ModifyAckDeadlineAsync(IReadOnlyCollection<string> ackIds, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ackIds);
        if (ackIds.Count == 0)
        {
            return;
        }

        foreach (var ackId in ackIds)
        {
            _leases.TryRemove(ackId, out _);
        }

        await CallAsync(token => _client.ModifyAckDeadlineAsync(Subscription, ackIds, delay, token), cancellationToken);
    }

    /// <summary>
    /// Pub/Sub's REST API does not count the backlog (Cloud Monitoring does), so the backlog is unknown. The lag is the age
    /// of the oldest message this process holds; holding none, how old the oldest message of the latest pull was when it
    /// came, for <see cref="RecentPull"/> after it.
    /// </summary>
    public Task<BusStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        DateTimeOffset? oldest = null;
        foreach (var lease in _leases.Values)
        {
            oldest = oldest is { } o && o <= lease.PublishedAt ? o : lease.PublishedAt;
        }

        var lag = oldest is { } at
            ? Positive(now - at)
            : _lastDelivery is { } delivery && now - delivery.PulledAt < RecentPull ? delivery.Lag : (TimeSpan?)null;
        return Task.FromResult(new BusStats(null, _leases.Count, lag) { Errors = Interlocked.Read(ref _errors), LastError = Volatile.Read(ref _lastError) });
    }

    /// <summary>
    /// Reads the subscription (creating the resources first when the bus may): unreachable, or missing when the bus may not
    /// create it, is a failure.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAsync(cancellationToken);
            await WithResourcesAsync(token => _client.GetSubscriptionAsync(Subscription, token), cancellationToken);
        }
        catch (GoogleApiException ex)
        {
            Note(ex);
            throw;
        }
    }

    /// <summary>Publishes the dead letters' bytes to the dead-letter topic, the reason and original message id as attributes.</summary>
    public async Task PublishDeadLettersAsync(IReadOnlyList<DeadLetterCopy> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (_deadLetterTopic is null || letters.Count == 0)
        {
            return;
        }

        var outgoing = letters.Select(l => new PubSubOutgoing(
            l.Body,
            new Dictionary<string, string>
            {
                [DeadLetterCopy.ReasonAttribute] = l.Reason,
                [DeadLetterCopy.MessageIdAttribute] = l.MessageId,
                [DeadLetterCopy.SubscriptionAttribute] = Subscription,
            })).ToList();
        foreach (var range in PubSubClient.Batches(outgoing))
        {
            var (offset, length) = range.GetOffsetAndLength(outgoing.Count);
            await CallAsync(token => _client.PublishAsync(_deadLetterTopic, outgoing.GetRange(offset, length), token), cancellationToken);
        }
    }

    /// <summary>Stops extending leases; what is still leased comes again after its deadline.</summary>
    public async ValueTask DisposeAsync()
    {
        // The container may dispose it once per service type it is registered under.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _extending;
        _stopping.Dispose();
        _ensureGate.Dispose();
        _http.Dispose();
    }

    private List<BusMessage> TakeLeases(List<PubSubReceived> received)
    {
        var now = _timeProvider.GetUtcNow();
        if (received.Count > 0)
        {
            _lastDelivery = new DeliveryLag(now, Positive(now - received.Min(r => r.Message.PublishTime)));
        }

        var messages = new List<BusMessage>(received.Count);
        foreach (var delivery in received)
        {
            var message = delivery.Message;
            var attempt = _deliveries.AddOrUpdate(message.MessageId, 1, (_, seen) => seen + 1);
            _leases[delivery.AckId] = new Lease(message.MessageId, message.PublishTime, now, now + ShortestDeadline);

            messages.Add(new BusMessage(
                message.MessageId,
                delivery.AckId,
                message.Data ?? [],
                message.Attributes ?? NoAttributes,
                message.PublishTime,
                PublishSequence(message.MessageId),
                Math.Max(attempt, delivery.DeliveryAttempt)));
        }

        return messages;
    }

    /// <summary>Keeps every lease held by this process from running out, until it is settled or held for an hour.</summary>
    private async Task ExtendLeasesAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(ExtensionTick, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var now = _timeProvider.GetUtcNow();
                var due = _leases
                    .Where(l => l.Value.ExpiresAt - now < _ackDeadline / 2 && now - l.Value.LeasedAt < MaxLeaseExtension)
                    .ToList();
                if (due.Count == 0)
                {
                    continue;
                }

                try
                {
                    await _client.ModifyAckDeadlineAsync(Subscription, due.Select(l => l.Key).ToList(), _ackDeadline, stopping);
                    foreach (var (ackId, lease) in due)
                    {
                        _leases.TryUpdate(ackId, lease with { ExpiresAt = now + _ackDeadline }, lease);
                    }
                }
                catch (GoogleApiException ex)
                {
                    Note(ex);
                    LogExtensionFailed(ex, due.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposing.
        }
    }

    private async Task CallAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call(cancellationToken);
        }
        catch (GoogleApiException ex)
        {
            Note(ex);
            throw;
        }
    }

    /// <summary>
    /// Runs a call on the topic or subscription; NOT_FOUND (an emulator restarted with nothing in it, a subscription
    /// deleted) creates the resources again and tries once more, when the bus may create them.
    /// </summary>
    private async Task<T> WithResourcesAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.Status == GoogleStatus.NotFound && _createResources)
        {
            LogRecreating(ex.Message);
            _ensured = false;
            await EnsureAsync(cancellationToken);
            return await call(cancellationToken);
        }
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured || !_createResources)
        {
            return;
        }

        await _ensureGate.WaitAsync(cancellationToken);
        try
        {
            if (!_ensured)
            {
                foreach (var line in await SetupAsync(cancellationToken))
                {
                    LogResource(line);
                }
            }
        }
        finally
        {
            _ensureGate.Release();
        }
    }

    /// <summary>
    /// Orders messages of one publish time: Pub/Sub's ids are decimal numbers handed out in increasing order within a topic
    /// in practice (not promised); an id that is not one orders as 0.
    /// </summary>
    private static long PublishSequence(string messageId) =>
        long.TryParse(messageId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;

    private void Note(GoogleApiException exception)
    {
        Interlocked.Increment(ref _errors);
        Volatile.Write(ref _lastError, new BusError(_timeProvider.GetUtcNow(), exception.Message));
    }

    /// <summary>A lease this process holds: the message, when it was pulled and when Pub/Sub will deliver it again unless extended.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Lease(string MessageId, DateTimeOffset PublishedAt, DateTimeOffset LeasedAt, DateTimeOffset ExpiresAt);

    /// <summary>When the latest non-empty pull came and how old its oldest message was then.</summary>
    private sealed record DeliveryLag(DateTimeOffset PulledAt, TimeSpan Lag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pub/Sub {Resource}")]
    private partial void LogResource(string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pub/Sub answered NOT_FOUND ({Reason}); creating the topic and subscription again")]
    private partial void LogRecreating(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Extending {Count} Pub/Sub leases failed; they may be delivered again (the consumer dedupes)")]
    private partial void LogExtensionFailed(Exception exception, int count);
}
