namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>One message the generator made and what the consumer should make of it.</summary>
/// <param name="Body">The bytes to publish.</param>
/// <param name="Kind">order_created, order_status_changed, duplicate or invalid.</param>
/// <param name="ExpectedReason">For an invalid message, the dead-letter reason it should get.</param>
public sealed record GeneratedMessage(byte[] Body, string Kind, string? ExpectedReason = null)
{
    public const string Created = "order_created";
    public const string StatusChanged = "order_status_changed";
    public const string Duplicate = "duplicate";
    public const string Invalid = "invalid";
}
