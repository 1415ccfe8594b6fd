namespace Olist.Web.Security;

/// <summary>Credentials and access from configuration (section <c>Olist:Auth</c>); unset secrets are created at first start and stored hashed.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Auth";

    /// <summary>The key publishers send in <c>X-Api-Key</c>; when unset, a random one is created, printed once and stored hashed.</summary>
    public string? PublisherApiKey { get; set; }

    /// <summary>The operator's password; when unset, a random one is created, printed once and stored hashed.</summary>
    public string? OperatorPassword { get; set; }

    /// <summary>The key automation sends in <c>X-Operator-Key</c> to act as operator; when unset, created like the others.</summary>
    public string? OperatorApiKey { get; set; }

    /// <summary>Who may view (pages, the API, hubs, metrics) without signing in or a key.</summary>
    public AnonymousViewers AnonymousViewers { get; set; } = AnonymousViewers.Loopback;
}

/// <summary>Which anonymous visitors may view: only from this machine (the default), anyone, or no one (viewers sign in as operator).</summary>
public enum AnonymousViewers
{
    Loopback,
    Anyone,
    None,
}
