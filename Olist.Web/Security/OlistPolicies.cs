namespace Olist.Web.Security;

/// <summary>Names of the app's authorization policies and roles, so pages, hubs and endpoints ask for the same thing.</summary>
public static class OlistPolicies
{
    /// <summary>Operators: trigger, backfill, retry, pause and resume runs, replay dead letters; everything that changes state.</summary>
    public const string Operator = "operator";

    /// <summary>
    /// Viewers: read pages, the API, hubs, metrics and the OpenAPI document; anonymous on loopback by default
    /// (<c>Olist:Auth:AnonymousViewers</c>). The fallback policy of every endpoint that asks for nothing else.
    /// </summary>
    public const string Viewer = "viewer";

    /// <summary>Publishers: put events on the live stream and read its catalog, with the publisher key.</summary>
    public const string Publisher = "publisher";

    /// <summary>The role claim an operator carries, signed in or by API key.</summary>
    public const string OperatorRole = "operator";

    /// <summary>The role claim a caller with the publisher key carries.</summary>
    public const string PublisherRole = "publisher";
}
