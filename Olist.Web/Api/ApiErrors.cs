using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Olist.Web.Api;

/// <summary>
/// Turns what escapes an API endpoint into problems, in every environment: an unknown path or method is a 404 or 405
/// problem, a storage failure (read-only or full disk, damaged database file) a 503, anything else a 500 that points
/// to the log. Pages keep their error and not-found pages.
/// </summary>
public static class ApiErrors
{
    // SQLite's primary result codes for a store that cannot be used as it is: busy, locked, read-only, I/O error,
    // corrupt, full, cannot open, not a database.
    private static readonly int[] StorageErrorCodes = [5, 6, 8, 10, 11, 13, 14, 26];

    /// <summary>Adds problem details and the exception handler.</summary>
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["trace_id"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Uses the exception handler (API: problems; pages: <c>/error</c>) and the status code pages (API: problems;
    /// pages: <c>/not-found</c>).
    /// </summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            StatusCodeSelector = exception => IsStorageFailure(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Inside the page handler above: an API answer gets its problem here, and the re-execution then leaves it alone.
        app.UseStatusCodePages(async context =>
        {
            if (ApiPaths.IsApi(context.HttpContext.Request.Path))
            {
                var status = context.HttpContext.Response.StatusCode;
                await ApiProblems.Problem(status, Detail(status)).ExecuteAsync(context.HttpContext);
            }
        });
        return app;
    }

    /// <summary>True for failures of the data directory's files rather than of the code: the request may work once they are fixed.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception switch
        {
            IOException or UnauthorizedAccessException => true,
            SqliteException sqlite => StorageErrorCodes.Contains(sqlite.SqliteErrorCode & 0xFF),
            { InnerException: { } inner } => IsStorageFailure(inner),
            _ => false,
        };

    private static string Detail(int status) => status switch
    {
        StatusCodes.Status404NotFound => "there is nothing at this address; GET /openapi/v1.json lists the API",
        StatusCodes.Status405MethodNotAllowed => "this address does not take that method; GET /openapi/v1.json lists the API",
        _ => "the request was refused",
    };

    /// <summary>Answers an exception of an API request with a problem; leaves page requests to the error page.</summary>
    private sealed class ApiExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            // The middleware has already pointed the request at the error page; the feature keeps the path that failed.
            if (!ApiPaths.IsApi(httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path))
            {
                return false;
            }

            var problem = IsStorageFailure(exception)
                ? ApiProblems.Problem(
                    StatusCodes.Status503ServiceUnavailable,
                    "the data directory cannot be used right now (read-only, full or a damaged file); the server log has the details under this trace id")
                : ApiProblems.Problem(StatusCodes.Status500InternalServerError, "the request failed unexpectedly; the server log has the details under this trace id");
            await problem.ExecuteAsync(httpContext);
            return true;
        }
    }
}
