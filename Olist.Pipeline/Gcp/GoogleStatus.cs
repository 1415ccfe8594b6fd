namespace Olist.Pipeline.Gcp;

/// <summary>The canonical status names of <c>google.rpc.Code</c> that the app tells apart, and how HTTP statuses map to them.</summary>
public static class GoogleStatus
{
    public const string Cancelled = "CANCELLED";
    public const string Unknown = "UNKNOWN";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string DeadlineExceeded = "DEADLINE_EXCEEDED";
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string ResourceExhausted = "RESOURCE_EXHAUSTED";
    public const string FailedPrecondition = "FAILED_PRECONDITION";
    public const string Aborted = "ABORTED";
    public const string Internal = "INTERNAL";
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>
    /// The status an HTTP code stands for when the body does not say. 409 and 400 are ambiguous (ABORTED or
    /// ALREADY_EXISTS; INVALID_ARGUMENT or FAILED_PRECONDITION): the safe reading, the one not retried, is taken.
    /// </summary>
    public static string FromHttp(int httpStatus) => httpStatus switch
    {
        400 => InvalidArgument,
        401 => Unauthenticated,
        403 => PermissionDenied,
        404 => NotFound,
        409 => AlreadyExists,
        429 => ResourceExhausted,
        499 => Cancelled,
        500 => Internal,
        501 => "UNIMPLEMENTED",
        502 or 503 => Unavailable,
        504 => DeadlineExceeded,
        _ => Unknown,
    };

    /// <summary>True for the statuses that say "later may work": what a caller can be asked to retry after a while.</summary>
    public static bool IsTransient(string status) =>
        status is Unavailable or DeadlineExceeded or ResourceExhausted or Aborted or Internal or Unknown or Cancelled;
}
