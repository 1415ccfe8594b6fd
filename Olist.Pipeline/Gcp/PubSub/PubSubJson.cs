using System.Text.Json.Serialization;

namespace Olist.Pipeline.Gcp.PubSub;

/// <summary>A message to publish as Pub/Sub's REST API takes it: the data (sent as standard base64) and optional attributes.</summary>
public sealed record PubSubOutgoing(
    [property: JsonPropertyName("data")] ReadOnlyMemory<byte> Data,
    [property: JsonPropertyName("attributes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Attributes);

/// <summary>A pulled message: the lease's ack id, the message and, when the subscription has a dead-letter policy, the delivery attempt.</summary>
public sealed record PubSubReceived(
    [property: JsonPropertyName("ackId")] string AckId,
    [property: JsonPropertyName("message")] PubSubMessage Message,
    [property: JsonPropertyName("deliveryAttempt")] int DeliveryAttempt);

/// <summary>A stored message as Pub/Sub delivers it.</summary>
public sealed record PubSubMessage(
    [property: JsonPropertyName("data")] byte[]? Data,
    [property: JsonPropertyName("attributes")] Dictionary<string, string>? Attributes,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("publishTime")] DateTimeOffset PublishTime);

internal sealed record PublishRequest([property: JsonPropertyName("messages")] IReadOnlyList<PubSubOutgoing> Messages);

internal sealed record PublishResponse([property: JsonPropertyName("messageIds")] List<string>? MessageIds);

internal sealed record PullRequest(
    [property: JsonPropertyName("maxMessages")] int MaxMessages,
    [property: JsonPropertyName("returnImmediately"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ReturnImmediately);

internal sealed record PullResponse([property: JsonPropertyName("receivedMessages")] List<PubSubReceived>? ReceivedMessages);

internal sealed record AcknowledgeRequest([property: JsonPropertyName("ackIds")] IReadOnlyList<string> AckIds);

internal sealed record ModifyAckDeadlineRequest(
    [property: JsonPropertyName("ackIds")] IReadOnlyList<string> AckIds,
    [property: JsonPropertyName("ackDeadlineSeconds")] int AckDeadlineSeconds);

internal sealed record TopicRequest([property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels);

internal sealed record SubscriptionRequest(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("ackDeadlineSeconds")] int AckDeadlineSeconds,
    [property: JsonPropertyName("expirationPolicy")] ExpirationPolicy ExpirationPolicy);

/// <summary>An empty expiration policy: the subscription never expires (left out, it would after 31 idle days).</summary>
internal sealed record ExpirationPolicy;

/// <summary>The subscription's fields the app reads back.</summary>
public sealed record PubSubSubscription(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("ackDeadlineSeconds")] int AckDeadlineSeconds);

/// <summary>Source-generated JSON of the Pub/Sub REST calls: no reflection on the hot pull and publish paths.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PublishRequest))]
[JsonSerializable(typeof(PublishResponse))]
[JsonSerializable(typeof(PullRequest))]
[JsonSerializable(typeof(PullResponse))]
[JsonSerializable(typeof(AcknowledgeRequest))]
[JsonSerializable(typeof(ModifyAckDeadlineRequest))]
[JsonSerializable(typeof(TopicRequest))]
[JsonSerializable(typeof(SubscriptionRequest))]
[JsonSerializable(typeof(PubSubSubscription))]
internal sealed partial class PubSubJsonContext : JsonSerializerContext;
