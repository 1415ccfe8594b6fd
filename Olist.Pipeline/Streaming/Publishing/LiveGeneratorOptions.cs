namespace Olist.Pipeline.Streaming.Publishing;

/// <summary>How the live generator mixes its messages.</summary>
/// <param name="Seed">Seed of the random choices.</param>
/// <param name="InvalidShare">Share (0..1) of messages that break a rule on purpose, each of a known dead-letter reason.</param>
/// <param name="DuplicateShare">Share (0..1) of messages that resend an earlier valid event with its event_id.</param>
/// <param name="StatusChangeDelay">Typical time between an order's status changes.</param>
/// <param name="OriginalFormatShare">Share (0..1) of new orders sent in the original message format.</param>
public sealed record LiveGeneratorOptions(
    int Seed = 1,
    double InvalidShare = 0,
    double DuplicateShare = 0,
    TimeSpan? StatusChangeDelay = null,
    double OriginalFormatShare = 0.05)
{
    /// <summary>The delay used when none is given: a few seconds, so a demo shows orders move.</summary>
    public TimeSpan EffectiveStatusChangeDelay => StatusChangeDelay ?? TimeSpan.FromSeconds(5);
}
