namespace Olist.Web.Security;

/// <summary>Credentials from configuration (section <c>Olist:Auth</c>); unset ones are created at first start and stored hashed.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:Auth";

    /// <summary>The key publishers send in <c>X-Api-Key</c>; when unset, a random one is created, printed once and stored hashed.</summary>
    public string? PublisherApiKey { get; set; }
}
