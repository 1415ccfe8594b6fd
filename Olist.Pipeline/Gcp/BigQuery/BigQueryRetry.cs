namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// BigQuery's retry policy (Google's Python client's predicate, contract section 2.10): an error that names a reason is
/// retried when the reason is <c>rateLimitExceeded</c>, <c>backendError</c>, <c>internalError</c> or <c>badGateway</c>,
/// never for <c>quotaExceeded</c>, <c>accessDenied</c>, <c>invalidQuery</c>, <c>notFound</c> or <c>duplicate</c>; one
/// without a reason (a proxy's HTML page) by its HTTP status: 429, 500, 502, 503, 504, or no answer. Every POST the client
/// retries carries an idempotency key (a <c>requestId</c>, a client job id, insert ids) or is a create whose repeat
/// answers 409. Backoff doubles from <see cref="BigQueryOptions.InitialBackoff"/> up to 32 s.
/// </summary>
public sealed class BigQueryRetry
{
    /// <summary>The reasons worth another attempt.</summary>
    public static readonly IReadOnlySet<string> RetryableReasons =
        new HashSet<string>(["rateLimitExceeded", "backendError", "internalError", "badGateway"], StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> RetryableStatuses = new HashSet<string>(
        [GoogleStatus.ResourceExhausted, GoogleStatus.Internal, GoogleStatus.Unavailable, GoogleStatus.DeadlineExceeded], StringComparer.Ordinal);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(32);

    /// <summary>The rules for <paramref name="options"/>' backoff and attempts.</summary>
    public BigQueryRetry(BigQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Metadata = Rule("metadata", options, TimeSpan.FromSeconds(60), options.MaxAttempts);
        Query = Rule("query", options, options.QueryWait + TimeSpan.FromSeconds(60), options.MaxAttempts);
        Upload = Rule("upload", options, options.JobTimeout, options.MaxAttempts);
    }

    /// <summary>Datasets, tables, jobs.insert/get/list/cancel, insertAll: quick calls.</summary>
    public GoogleRetryRule Metadata { get; }

    /// <summary>jobs.query and jobs.getQueryResults, which the server holds up to <c>timeoutMs</c>.</summary>
    public GoogleRetryRule Query { get; }

    /// <summary>A load job's upload, which may take as long as the job's timeout.</summary>
    public GoogleRetryRule Upload { get; }

    private static GoogleRetryRule Rule(string name, BigQueryOptions options, TimeSpan attemptTimeout, int attempts) =>
        new($"bigquery {name}", RetryableStatuses, Math.Max(1, attempts), options.InitialBackoff, 2, MaxBackoff, attemptTimeout, RetryableReasons);
}
