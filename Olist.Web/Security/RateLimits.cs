using System.Threading.RateLimiting;

namespace Olist.Web.Security;

/// <summary>The rate limiter's policies, per remote address: sign-in posts, and requests to key-protected endpoints.</summary>
public static class RateLimits
{
    /// <summary>The policy of the sign-in page: its form posts are limited, showing the form is not.</summary>
    public const string SignIn = "signin";

    /// <summary>The policy of endpoints that take a key: ingestion, the catalog and operator actions.</summary>
    public const string Keyed = "keyed";

    /// <summary>Adds the two policies from <c>Olist:RateLimits</c>; a refused request gets a 429 problem with <c>Retry-After</c>.</summary>
    public static IServiceCollection AddOlistRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddSingleton<CredentialLockout>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignIn, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter(IPAddress.None);
                }

                var perMinute = Settings(context).SignInsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    Address(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.AddPolicy(Keyed, context =>
            {
                var perSecond = Settings(context).KeyedRequestsPerSecond;
                return RateLimitPartition.GetTokenBucketLimiter(
                    Address(context),
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perSecond,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, $"too many requests from this address; try again in {Math.Ceiling(retryAfter.TotalSeconds)} s")
                    .ExecuteAsync(context);
            };
        });
        return services;
    }

    private static RateLimitOptions Settings(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static IPAddress Address(HttpContext context) => context.Connection.RemoteIpAddress ?? IPAddress.None;
}
