namespace Olist.Pipeline.Gcp;

/// <summary>
/// How one class of Google API methods is retried: which canonical statuses (<c>error.status</c>) or, for APIs that
/// name them (BigQuery), which <c>errors[].reason</c> values are worth another attempt, how many attempts in all, and the
/// exponential backoff between them (Google's service configs).
/// </summary>
/// <param name="Name">The method class, for logs.</param>
/// <param name="RetryableStatuses">Canonical statuses retried; an unreachable service counts as <c>UNAVAILABLE</c>, an attempt over its timeout as <c>DEADLINE_EXCEEDED</c>.</param>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="InitialBackoff">The delay before the second attempt.</param>
/// <param name="Multiplier">How much each further delay grows.</param>
/// <param name="MaxBackoff">The longest delay.</param>
/// <param name="AttemptTimeout">How long one attempt may take.</param>
/// <param name="RetryableReasons">
/// When set, an error whose body names a reason is retried by that reason alone (BigQuery's <c>rateLimitExceeded</c> is
/// retried, its <c>quotaExceeded</c> is not, though both are 403); the statuses then decide only for bodies without one.
/// </param>
public sealed record GoogleRetryRule(
    string Name,
    IReadOnlySet<string> RetryableStatuses,
    int MaxAttempts,
    TimeSpan InitialBackoff,
    double Multiplier,
    TimeSpan MaxBackoff,
    TimeSpan AttemptTimeout,
    IReadOnlySet<string>? RetryableReasons = null)
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

    /// <summary>True when an attempt that failed with <paramref name="error"/> may be tried again: by its reason where this rule reads reasons and the body names one, else by its status.</summary>
    public bool Retries(GoogleApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return RetryableReasons is not null && error.Reason is { } reason ? RetryableReasons.Contains(reason) : Retries(error.Status);
    }
}
