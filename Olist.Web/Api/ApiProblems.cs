namespace Olist.Web.Api;

/// <summary>
/// The one error format of the API: RFC 9457 problem details (<c>application/problem+json</c>) with the status's
/// standard title and a one-line <c>detail</c> for people, never an exception's text.
/// </summary>
public static class ApiProblems
{
    /// <summary>A problem with <paramref name="statusCode"/>, <paramref name="detail"/> and optional extension members (snake_case names).</summary>
    public static ProblemHttpResult Problem(int statusCode, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode, extensions: extensions);

    /// <summary>400: the request is wrong, and <paramref name="detail"/> says how.</summary>
    public static ProblemHttpResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status400BadRequest, detail, extensions);

    /// <summary>404: there is no such thing.</summary>
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    /// <summary>503: the warehouse is still being prepared.</summary>
    public static ProblemHttpResult NotReady() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "the warehouse is still being prepared; try again when /readyz says ready");
}
