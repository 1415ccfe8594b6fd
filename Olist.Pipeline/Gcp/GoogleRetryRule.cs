namespace Olist.Pipeline.Gcp;

/// <summary>
/// How one class of Google API methods is retried: which canonical statuses (<c>error.status</c>) are worth another
/// attempt, how many attempts in all, and the exponential backoff between them (Google's service configs).
/// </summary>
/// <param name="Name">The method class, for logs.</param>
/// <param name="RetryableStatuses">Canonical statuses retried; an unreachable service counts as <c>UNAVAILABLE</c>, an attempt over its timeout as <c>DEADLINE_EXCEEDED</c>.</param>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="InitialBackoff">The delay before the second attempt.</param>
/// <param name="Multiplier">How much each further delay grows.</param>
/// <param name="MaxBackoff">The longest delay.</param>
/// <param name="AttemptTimeout">How long one attempt may take.</param>
public sealed record GoogleRetryRule(
    string Name,
    IReadOnlySet<string> RetryableStatuses,
    int MaxAttempts,
    TimeSpan InitialBackoff,
    double Multiplier,
    TimeSpan MaxBackoff,
    TimeSpan AttemptTimeout)
{
    /// <summary>The request option that names the rule of a request; requests without one are sent once.</summary>
    public static HttpRequestOptionsKey<GoogleRetryRule> Key { get; } = new("olist.google-retry-rule");

    /// <summary>The delay after failed attempt <paramref name="attempt"/> (0 for the first): exponential, capped, with up to 20 % less at random so callers spread out.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var delay = InitialBackoff.TotalMilliseconds * Math.Pow(Multiplier, attempt);
        var capped = Math.Min(delay, MaxBackoff.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds(capped * (1 - (0.2 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }

    /// <summary>True when an attempt that ended in <paramref name="status"/> may be tried again under this rule.</summary>
    public bool Retries(string status) => RetryableStatuses.Contains(status);
}
