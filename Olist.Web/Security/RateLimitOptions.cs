namespace Olist.Web.Security;

/// <summary>
/// Limits per remote address (section <c>Olist:RateLimits</c>): sign-in posts, requests that carry a key, and the
/// lockout after repeated wrong credentials.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Olist:RateLimits";

    /// <summary>Sign-in form posts one address may make per minute; each costs a slow password hash.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Requests to key-protected endpoints (ingestion, catalog, operator actions) one address may make per second, as a token bucket.</summary>
    public int KeyedRequestsPerSecond { get; set; } = 100;

    /// <summary>Wrong passwords or keys from one address within <see cref="LockoutWindow"/> that lock it out.</summary>
    public int LockoutFailures { get; set; } = 10;

    /// <summary>How far back wrong credentials count.</summary>
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a locked-out address is refused any sign-in or key.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
