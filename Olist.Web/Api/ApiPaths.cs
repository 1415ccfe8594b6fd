namespace Olist.Web.Api;

/// <summary>The paths machines call (the JSON API, hubs, metrics, the OpenAPI document): they get problems, never pages or redirects.</summary>
public static class ApiPaths
{
    private static readonly string[] Prefixes = ["/api", "/hubs", "/metrics", "/openapi"];

    /// <summary>True when <paramref name="path"/> is one of those paths.</summary>
    public static bool IsApi(PathString path) => Prefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
