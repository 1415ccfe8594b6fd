namespace Olist.Pipeline.Catalog;

/// <summary>What a source column holds, which decides how it is written, read and cleaned.</summary>
public enum ColumnKind
{
    /// <summary>An opaque identifier such as an order id: always text, 32 hex characters in the real data.</summary>
    Identifier,

    /// <summary>Free text (city, status, category, review comment).</summary>
    Text,

    /// <summary>A Brazilian zip code prefix: text, five digits with leading zeros.</summary>
    ZipPrefix,

    /// <summary>A whole number (sequence numbers, counts, scores, sizes).</summary>
    WholeNumber,

    /// <summary>An amount of money with two decimal places.</summary>
    Money,

    /// <summary>A floating point number (latitude, longitude).</summary>
    Real,

    /// <summary>A naive local timestamp written as <c>YYYY-MM-DD HH:MM:SS</c>.</summary>
    Timestamp,
}

/// <summary>Column kinds that the real files quote when the value starts with a digit.</summary>
public static class ColumnKindExtensions
{
    /// <summary>True for the text kinds: the real files quote these when they start with a digit.</summary>
    public static bool IsText(this ColumnKind kind) =>
        kind is ColumnKind.Identifier or ColumnKind.Text or ColumnKind.ZipPrefix;
}
