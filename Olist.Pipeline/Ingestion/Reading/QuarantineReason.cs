namespace Olist.Pipeline.Ingestion.Reading;

/// <summary>The stable reason codes stored with each quarantined record.</summary>
public static class QuarantineReason
{
    /// <summary>The record has more or fewer fields than the table has columns.</summary>
    public const string WrongFieldCount = "wrong_field_count";

    /// <summary>A quote is never closed, appears inside an unquoted field, or is followed by something other than a separator.</summary>
    public const string BrokenQuoting = "broken_quoting";

    /// <summary>The record's bytes are not valid UTF-8.</summary>
    public const string BadEncoding = "bad_encoding";

    /// <summary>The record is an empty line, which no table with several columns can hold.</summary>
    public const string EmptyLine = "empty_line";
}
