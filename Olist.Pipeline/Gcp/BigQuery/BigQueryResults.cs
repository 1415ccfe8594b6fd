namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// A finished query (or script: the results of its last statement): the job, the columns, every row of every page, and
/// what it cost. <see cref="SessionId"/> is set when the query ran in, or created, a session.
/// </summary>
public sealed record BigQueryResult(
    JobReference? Job,
    IReadOnlyList<TableFieldSchema> Schema,
    IReadOnlyList<BigQueryRow> Rows,
    long TotalRows,
    long? TotalBytesProcessed,
    long? NumDmlAffectedRows,
    bool CacheHit,
    string? SessionId);

/// <summary>What a dry run says of a query: the bytes it would process (and so bill, before the 10 MB minimum) and its result's columns.</summary>
public sealed record BigQueryDryRun(long TotalBytesProcessed, IReadOnlyList<TableFieldSchema> Schema);

/// <summary>How a query runs: in a new session (its id comes back), or in an existing one, for temporary tables and transactions across calls.</summary>
public sealed record BigQueryQueryOptions(bool CreateSession = false, string? SessionId = null);

/// <summary>A job that finished with an error: BigQuery's reason (such as <c>invalid</c>, <c>jobBackendError</c>) and message.</summary>
public sealed class BigQueryJobException : Exception
{
    public BigQueryJobException()
        : this("A BigQuery job failed.")
    {
    }

    public BigQueryJobException(string message)
        : base(message)
    {
    }

    public BigQueryJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BigQueryJobException(BigQueryJob job, ErrorProto error)
        : base($"BigQuery job {job?.JobReference?.JobId} failed: {error?.Reason}: {error?.Message}")
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(error);
        Job = job;
        Reason = error.Reason;
    }

    /// <summary>The failed job as BigQuery last reported it.</summary>
    public BigQueryJob? Job { get; }

    /// <summary>The job's <c>errorResult.reason</c>.</summary>
    public string? Reason { get; }

    /// <summary>
    /// True when running the job again (with a new job id) may succeed, as Google's clients re-run jobs that failed
    /// with these reasons.
    /// </summary>
    public bool IsTransient => Reason is "backendError" or "rateLimitExceeded" or "internalError" or "jobBackendError" or "jobInternalError" or "jobRateLimitExceeded";
}
