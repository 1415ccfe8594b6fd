using System.Collections.Concurrent;

namespace Olist.Web.Security;

/// <summary>
/// Counts wrong passwords and keys per remote address and locks an address out for a while after too many, so a
/// password or key cannot be guessed at the speed of the network. Addresses, never the operator account, are locked:
/// an attacker must not be able to lock the operator out from elsewhere.
/// </summary>
public sealed partial class CredentialLockout(IOptions<RateLimitOptions> options, TimeProvider timeProvider, ILogger<CredentialLockout> logger)
{
    // Enough for any real set of callers; beyond it, addresses with nothing recent are forgotten so memory stays bounded.
    private const int MaxTrackedAddresses = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();

    /// <summary>How long the caller's address stays locked out; null when it is not.</summary>
    public TimeSpan? LockedFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_failures.TryGetValue(Address(context), out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var left = failures.LockedUntil - timeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>Counts a wrong <paramref name="credential"/> (a header name or "password") from the caller, locking its address out when that was one too many.</summary>
    public void RecordFailure(HttpContext context, string credential)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var address = Address(context);
        var now = timeProvider.GetUtcNow();
        if (_failures.Count >= MaxTrackedAddresses)
        {
            Forget(now, now - settings.LockoutWindow);
        }

        var failures = _failures.GetOrAdd(address, _ => new Failures());
        int count;
        var lockedNow = false;
        lock (failures)
        {
            while (failures.At.TryPeek(out var oldest) && oldest <= now - settings.LockoutWindow)
            {
                failures.At.Dequeue();
            }

            failures.At.Enqueue(now);
            count = failures.At.Count;
            if (count >= settings.LockoutFailures && failures.LockedUntil <= now)
            {
                failures.LockedUntil = now + settings.LockoutDuration;
                failures.At.Clear();
                lockedNow = true;
            }
        }

        LogFailure(address, credential, count);
        if (lockedNow)
        {
            LogLockedOut(address, count, settings.LockoutDuration.TotalMinutes);
        }
    }

    /// <summary>Refuses any request that carries a key from a locked-out address with a 429 problem, before the key is even checked.</summary>
    public static IApplicationBuilder UseCredentialLockout(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            if ((context.Request.Headers.ContainsKey(OperatorKey.Header) || context.Request.Headers.ContainsKey(PublisherKey.Header))
                && context.RequestServices.GetRequiredService<CredentialLockout>().LockedFor(context) is { } left)
            {
                await TooManyAttempts(context, left).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    /// <summary>The 429 answer to a locked-out caller, with <c>Retry-After</c>.</summary>
    public static IResult TooManyAttempts(HttpContext context, TimeSpan left)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(left.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiProblems.Problem(
            StatusCodes.Status429TooManyRequests,
            $"too many wrong passwords or keys from this address; try again in {Math.Ceiling(left.TotalMinutes)} min");
    }

    private static IPAddress Address(HttpContext context) => context.Connection.RemoteIpAddress ?? IPAddress.None;

    private void Forget(DateTimeOffset now, DateTimeOffset before)
    {
        foreach (var (address, failures) in _failures)
        {
            lock (failures)
            {
                if (failures.LockedUntil <= now && failures.At.All(at => at <= before))
                {
                    _failures.TryRemove(address, out _);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong {Credential} from {RemoteAddress} ({Count} within the lockout window)")]
    private partial void LogFailure(IPAddress remoteAddress, string credential, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Locked out {RemoteAddress} for {Minutes} min after {Count} wrong passwords or keys")]
    private partial void LogLockedOut(IPAddress remoteAddress, int count, double minutes);

    /// <summary>The recent wrong credentials of one address, and until when it is locked out.</summary>
    private sealed class Failures
    {
        public Queue<DateTimeOffset> At { get; } = new();

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
