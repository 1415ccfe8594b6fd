using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Olist.Web.Observability;

/// <summary>
/// Documents the refusals every protected operation can answer, from its endpoint's metadata: 401 (and 403 for
/// operator actions) unless it is anonymous on purpose, 429 where a rate limit applies. All are problems.
/// </summary>
internal sealed class OpenApiResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var refusals = new List<(int Status, string Description)>();
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            refusals.Add((StatusCodes.Status401Unauthorized, "No viewer, or a wrong or missing key"));
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == Security.OlistPolicies.Operator))
            {
                refusals.Add((StatusCodes.Status403Forbidden, "Signed in, but not as operator"));
            }
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            refusals.Add((StatusCodes.Status429TooManyRequests, "Rate limit or lockout of the caller's address; see Retry-After"));
        }

        if (refusals.Count == 0)
        {
            return;
        }

        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), parameterDescription: null, cancellationToken);
        operation.Responses ??= [];
        foreach (var (status, description) in refusals)
        {
            operation.Responses.TryAdd(
                status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                });
        }
    }
}
