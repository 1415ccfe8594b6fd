using System.Text.Json.Serialization.Metadata;

namespace Olist.Pipeline.Gcp.PubSub;

/// <summary>
/// The Pub/Sub REST API v1 calls the app makes, over an <see cref="HttpClient"/> from <see cref="GoogleHttp"/> (base
/// address <c>.../v1/</c>): each call carries its method class's retry rule, and a failure that outlasts the retries is a
/// <see cref="GoogleApiException"/>. Names are full resource names (<see cref="PubSubNames"/>).
/// </summary>
public sealed class PubSubClient(HttpClient http)
{
    /// <summary>Most messages in one publish call.</summary>
    public const int MaxMessagesPerPublish = 1_000;

    /// <summary>
    /// Largest publish body the app sends: Pub/Sub takes 10 MB per request, and the data travels as base64 (4/3 of its
    /// size), so requests are cut at 9 MiB of JSON as Google's own clients do, leaving room for the envelope.
    /// </summary>
    public const int MaxPublishBytes = 9 * 1024 * 1024;

    /// <summary>Most messages asked for in one pull; the server may return fewer (the emulator returns at most 100).</summary>
    public const int MaxMessagesPerPull = 1_000;

    /// <summary>Ack and modAck bodies stay under 512 KiB; ack ids of production are about 180 characters.</summary>
    private const int AckIdsPerCall = 2_000;

    /// <summary>Creates the topic; true when it was created, false when it already existed (ALREADY_EXISTS is success).</summary>
    public Task<bool> CreateTopicAsync(string topic, CancellationToken cancellationToken) =>
        CreateAsync(topic, new TopicRequest(new Dictionary<string, string> { ["app"] = "olist" }), PubSubJsonContext.Default.TopicRequest, PubSubRetry.Write, cancellationToken);

    /// <summary>Creates the subscription on <paramref name="topic"/>; false when it already existed (its settings are then left as they are).</summary>
    public Task<bool> CreateSubscriptionAsync(string subscription, string topic, TimeSpan ackDeadline, CancellationToken cancellationToken) =>
        CreateAsync(
            subscription,
            new SubscriptionRequest(topic, AckDeadlineSeconds(ackDeadline), new ExpirationPolicy()),
            PubSubJsonContext.Default.SubscriptionRequest,
            PubSubRetry.Read,
            cancellationToken);

    /// <summary>Reads the subscription: the cheapest call that proves Pub/Sub answers and the subscription exists.</summary>
    public async Task<PubSubSubscription> GetSubscriptionAsync(string subscription, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, subscription, PubSubRetry.Read);
        return await SendAsync(request, PubSubJsonContext.Default.PubSubSubscription, $"get {subscription}", cancellationToken);
    }

    /// <summary>
    /// Publishes one batch in one call and returns the message ids in the order of <paramref name="messages"/>; the batch
    /// must fit one call (see <see cref="Batches"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishAsync(string topic, IReadOnlyList<PubSubOutgoing> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var request = Request(HttpMethod.Post, $"{topic}:publish", PubSubRetry.Publish, new PublishRequest(messages), PubSubJsonContext.Default.PublishRequest);
        var response = await SendAsync(request, PubSubJsonContext.Default.PublishResponse, $"publish to {topic}", cancellationToken);
        var ids = response.MessageIds ?? [];
        return ids.Count == messages.Count
            ? ids
            : throw new GoogleApiException($"publish to {topic}", null, new GoogleApiError(200, GoogleStatus.Internal, null, $"{ids.Count} message ids for {messages.Count} messages"));
    }

    /// <summary>
    /// Pulls up to <paramref name="maxMessages"/> (at most <see cref="MaxMessagesPerPull"/>). Pub/Sub holds the call until a
    /// message comes (the emulator indefinitely) unless <paramref name="returnImmediately"/>, which Google deprecates for a
    /// first pull (it may answer empty while messages wait) but which suits a follow-up pull that only takes what is there.
    /// </summary>
    public async Task<IReadOnlyList<PubSubReceived>> PullAsync(string subscription, int maxMessages, bool returnImmediately, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        using var request = Request(
            HttpMethod.Post,
            $"{subscription}:pull",
            PubSubRetry.Pull,
            new PullRequest(Math.Min(maxMessages, MaxMessagesPerPull), returnImmediately),
            PubSubJsonContext.Default.PullRequest);
        var response = await SendAsync(request, PubSubJsonContext.Default.PullResponse, $"pull from {subscription}", cancellationToken);
        return response.ReceivedMessages ?? [];
    }

    /// <summary>Acknowledges the leases; acknowledging twice is not an error.</summary>
    public async Task AcknowledgeAsync(string subscription, IReadOnlyCollection<string> ackIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ackIds);
        foreach (var chunk in ackIds.Chunk(AckIdsPerCall))
        {
            using var request = Request(HttpMethod.Post, $"{subscription}:acknowledge", PubSubRetry.Write, new AcknowledgeRequest(chunk), PubSubJsonContext.Default.AcknowledgeRequest);
            (await SendAsync(request, $"acknowledge on {subscription}", cancellationToken)).Dispose();
        }
    }

    /// <summary>Sets the leases to end <paramref name="deadline"/> from now (whole seconds, at most 600); zero makes them deliverable at once (a nack).</summary>
    public async Task ModifyAckDeadlineAsync(string subscription, IReadOnlyCollection<string> ackIds, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ackIds);
        var seconds = (int)Math.Clamp(Math.Ceiling(deadline.TotalSeconds), 0, 600);
        foreach (var chunk in ackIds.Chunk(AckIdsPerCall))
        {
            using var request = Request(
                HttpMethod.Post, $"{subscription}:modifyAckDeadline", PubSubRetry.Write, new ModifyAckDeadlineRequest(chunk, seconds), PubSubJsonContext.Default.ModifyAckDeadlineRequest);
            (await SendAsync(request, $"modifyAckDeadline on {subscription}", cancellationToken)).Dispose();
        }
    }

    /// <summary>Cuts <paramref name="messages"/> into consecutive batches that each fit one publish call: at most 1,000 messages and 9 MiB.</summary>
    public static IEnumerable<Range> Batches(IReadOnlyList<PubSubOutgoing> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var start = 0;
        long bytes = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var size = EncodedSize(messages[i]);
            if (i > start && (i - start == MaxMessagesPerPublish || bytes + size > MaxPublishBytes))
            {
                yield return new Range(start, i);
                (start, bytes) = (i, 0);
            }

            bytes += size;
        }

        if (start < messages.Count)
        {
            yield return new Range(start, messages.Count);
        }
    }

    /// <summary>A message's share of the publish body: its base64 data, its attributes (escaping may add a little) and the JSON around them.</summary>
    private static long EncodedSize(PubSubOutgoing message)
    {
        long size = (4L * ((message.Data.Length + 2) / 3)) + 32;
        foreach (var (key, value) in message.Attributes ?? new Dictionary<string, string>())
        {
            size += (2L * (key.Length + value.Length)) + 8;
        }

        return size;
    }

    private static int AckDeadlineSeconds(TimeSpan deadline) => (int)Math.Clamp(Math.Ceiling(deadline.TotalSeconds), 10, 600);

    private async Task<bool> CreateAsync<TBody>(string name, TBody body, JsonTypeInfo<TBody> typeInfo, GoogleRetryRule rule, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, name, rule, body, typeInfo);
        using var response = await GoogleRest.TrySendAsync(http, request, $"create {name}", cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        var error = await GoogleApiError.ReadAsync(response, cancellationToken);
        return error.Status == GoogleStatus.AlreadyExists ? false : throw new GoogleApiException($"create {name}", null, error);
    }

    // An absolute path under the base address keeps the ':verb' suffix as it is.
    private static HttpRequestMessage Request(HttpMethod method, string path, GoogleRetryRule rule) => GoogleRest.Request(method, path, rule);

    private static HttpRequestMessage Request<TBody>(HttpMethod method, string path, GoogleRetryRule rule, TBody body, JsonTypeInfo<TBody> typeInfo) =>
        GoogleRest.Request(method, path, rule, body, typeInfo);

    private Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken) =>
        GoogleRest.SendAsync(http, request, typeInfo, operation, cancellationToken);

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken) =>
        GoogleRest.SendAsync(http, request, operation, cancellationToken);
}
