using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Olist.Tests.Web;

/// <summary>Who may view without signing in, per <c>Olist:Auth:AnonymousViewers</c>; operators always may.</summary>
public sealed class ViewerAccessTests
{
    [Theory]
    [InlineData(AnonymousViewers.Loopback, "127.0.0.1", true)]
    [InlineData(AnonymousViewers.Loopback, "::1", true)]
    [InlineData(AnonymousViewers.Loopback, "192.168.1.20", false)]
    [InlineData(AnonymousViewers.Anyone, "192.168.1.20", true)]
    [InlineData(AnonymousViewers.None, "127.0.0.1", false)]
    public async Task An_anonymous_visitor_views_only_where_configured(AnonymousViewers mode, string remote, bool allowed)
    {
        Assert.Equal(allowed, await DecideAsync(mode, IPAddress.Parse(remote), new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public async Task An_operator_views_from_anywhere_even_when_anonymous_viewers_are_off()
    {
        Assert.True(await DecideAsync(AnonymousViewers.None, IPAddress.Parse("203.0.113.9"), SecurityServices.OperatorPrincipal()));
    }

    private static async Task<bool> DecideAsync(AnonymousViewers mode, IPAddress remote, ClaimsPrincipal user)
    {
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { Connection = { RemoteIpAddress = remote } } };
        var requirement = new ViewerRequirement();
        var context = new AuthorizationHandlerContext([requirement], user, resource: null);
        await new ViewerRequirementHandler(http, Options.Create(new AuthOptions { AnonymousViewers = mode })).HandleAsync(context);
        return context.HasSucceeded;
    }
}
