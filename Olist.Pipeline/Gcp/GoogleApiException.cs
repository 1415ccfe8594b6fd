using System.Net;

namespace Olist.Pipeline.Gcp;

/// <summary>
/// A Google API call that failed for good (after the retries its method allows): the HTTP status, the canonical
/// <c>error.status</c> and the message of the Google error envelope.
/// </summary>
public sealed class GoogleApiException : Exception
{
    public GoogleApiException(string message)
        : this(message, null, new GoogleApiError(0, GoogleStatus.Unknown, null, message))
    {
    }

    public GoogleApiException(string message, Exception innerException)
        : this(message, innerException, new GoogleApiError(0, GoogleStatus.Unavailable, null, message))
    {
    }

    public GoogleApiException()
        : this("The Google API call failed.")
    {
    }

    public GoogleApiException(string operation, Exception? innerException, GoogleApiError error)
        : base(Describe(operation, error), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>What Google answered; <see cref="GoogleApiError.HttpStatus"/> is 0 when no answer came (unreachable, timed out).</summary>
    public GoogleApiError Error { get; }

    /// <summary>The canonical status, such as <c>UNAVAILABLE</c>.</summary>
    public string Status => Error.Status;

    /// <summary>The first <c>errors[].reason</c>, such as BigQuery's <c>notFound</c> or <c>invalidQuery</c>, when the answer named one.</summary>
    public string? Reason => Error.Reason;

    /// <summary>True when trying again later may succeed: the service was unreachable, overloaded or timed out.</summary>
    public bool IsTransient => GoogleStatus.IsTransient(Error.Status);

    private static string Describe(string operation, GoogleApiError error) =>
        error.HttpStatus == 0
            ? $"{operation}: {error.Status} ({error.Message})"
            : $"{operation}: {error.HttpStatus} {(HttpStatusCode)error.HttpStatus} {error.Status}: {error.Message}";
}
