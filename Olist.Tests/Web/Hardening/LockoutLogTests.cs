using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Olist.Tests.Web.Hardening;

/// <summary>An operator reading the log sees every wrong password or key and each lockout, with the address it came from.</summary>
public sealed class LockoutLogTests
{
    [Fact]
    public void Every_wrong_credential_and_the_lockout_are_logged_as_warnings_naming_the_address_and_the_credential()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var logger = new FakeLogger<CredentialLockout>();
        var lockout = new CredentialLockout(Microsoft.Extensions.Options.Options.Create(new RateLimitOptions()), clock, logger);
        var attacker = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("203.0.113.9") } };

        for (var i = 0; i < 10; i++)
        {
            lockout.RecordFailure(attacker, PublisherKey.Header);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var records = logger.Collector.GetSnapshot();
        Assert.Equal(11, records.Count);
        Assert.All(records, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.All(records, r => Assert.Equal("203.0.113.9", r.StructuredState!.Single(p => p.Key == "RemoteAddress").Value));
        Assert.Equal(10, records.Count(r => r.Message.StartsWith($"Wrong {PublisherKey.Header} from 203.0.113.9", StringComparison.Ordinal)));
        var locked = Assert.Single(records, r => r.Message.StartsWith("Locked out", StringComparison.Ordinal));
        Assert.Equal("Locked out 203.0.113.9 for 15 min after 10 wrong passwords or keys", locked.Message);
        Assert.Same(records[^1], locked);
        Assert.NotNull(lockout.LockedFor(attacker));
    }
}
