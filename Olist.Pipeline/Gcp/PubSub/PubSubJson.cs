using System.Text.Json.Serialization;

namespace Olist.Pipeline.Gcp.PubSub;

/// <summary>A message to publish as Pub/Sub's REST API takes it: the data (sent as standard base64) and optional attributes.</summary>
public sealed record PubSubOutgoing(
    ReadOnlyMemory<byte> Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Attributes);

/// <summary>A pulled message: the lease's ack id, the message and, when the subscription has a dead-letter policy, the delivery attempt.</summary>
public sealed record PubSubReceived(
    string AckId,
    PubSubMessage Message,
    int DeliveryAttempt);

/// <summary>A stored message as Pub/Sub delivers it.</summary>
public sealed record PubSubMessage(
    byte[]? Data,
    Dictionary<string, string>? Attributes,
    string MessageId,
    DateTimeOffset PublishTime);

internal sealed record PublishRequest(IReadOnlyList<PubSubOutgoing> Messages);

internal sealed record PublishResponse(List<string>? MessageIds);

internal sealed record PullRequest(
    int MaxMessages,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ReturnImmediately);

internal sealed record PullResponse(List<PubSubReceived>? ReceivedMessages);

internal sealed record AcknowledgeRequest(IReadOnlyList<string> AckIds);

internal sealed record ModifyAckDeadlineRequest(
    IReadOnlyList<string> AckIds,
    int AckDeadlineSeconds);

internal sealed record TopicRequest(IReadOnlyDictionary<string, string> Labels);

internal sealed record SubscriptionRequest(
    string Topic,
    int AckDeadlineSeconds,
    ExpirationPolicy ExpirationPolicy);

/// <summary>An empty expiration policy: the subscription never expires (left out, it would after 31 idle days).</summary>
internal sealed record ExpirationPolicy;

/// <summary>The subscription's fields the app reads back.</summary>
public sealed record PubSubSubscription(
    string Name,
    string Topic,
    int AckDeadlineSeconds);

/// <summary>Source-generated JSON of the Pub/Sub REST calls: no reflection on the hot pull and publish paths.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
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
