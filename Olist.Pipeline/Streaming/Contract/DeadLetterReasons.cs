namespace Olist.Pipeline.Streaming.Contract;

/// <summary>Why a message was dead-lettered: the reason strings of events.md, stored and grouped by exactly these values.</summary>
public static class DeadLetterReasons
{
    public const string MalformedJson = "malformed_json";
    public const string TooLarge = "too_large";
    public const string UnsupportedSchemaVersion = "unsupported_schema_version";
    public const string UnknownProduct = "unknown_product";
    public const string UnknownSeller = "unknown_seller";
    public const string UnknownCustomer = "unknown_customer";
    public const string UnknownOrder = "unknown_order";
    public const string IllegalTransition = "illegal_transition";

    /// <summary>An order_created event for an order the warehouse already holds under another event: writing it would write the order twice.</summary>
    public const string DuplicateOrder = "duplicate_order";

    /// <summary>A required field is absent or null.</summary>
    public static string MissingField(string name) => $"missing_field:{name}";

    /// <summary>A field is present but breaks a value rule.</summary>
    public static string InvalidValue(string name) => $"invalid_value:{name}";
}
