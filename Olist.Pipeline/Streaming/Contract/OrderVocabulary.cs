namespace Olist.Pipeline.Streaming.Contract;

/// <summary>The limits of the contract's value rules; its closed value sets are the catalog's <see cref="Catalog.OrderStatuses"/> and <see cref="Catalog.PaymentTypes"/>.</summary>
public static class OrderVocabulary
{
    /// <summary>Largest message the consumer decodes: 256 KiB.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>Longest identifier accepted.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Highest accepted item price.</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>Most installments a payment may have.</summary>
    public const int MaxInstallments = 24;

    /// <summary>The only schema version there is; a missing version means this one.</summary>
    public const int SchemaVersion = 1;
}
