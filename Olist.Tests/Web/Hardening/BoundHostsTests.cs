namespace Olist.Tests.Web.Hardening;

/// <summary>The default <c>AllowedHosts</c>: the loopback names, the host names of the bound URLs, and this machine's names only when bound to every address.</summary>
public sealed class BoundHostsTests
{
    private static readonly string[] Machine = ["olist-box", "10.1.2.3", "[fe80::1]"];

    [Fact]
    public void A_named_binding_allows_its_name_and_the_loopback_names_only()
    {
        var hosts = BoundHosts.For(["http://127.0.0.1:0", "https://olist.example.com:8443"], everyAddress: false, () => Machine);

        Assert.Equal(["localhost", "127.0.0.1", "[::1]", "olist.example.com"], hosts);
    }

    [Theory]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://[::]:5080")]
    public void A_binding_to_every_address_adds_this_machine(string url)
    {
        var hosts = BoundHosts.For([url], everyAddress: false, () => Machine);

        Assert.Equal(["localhost", "127.0.0.1", "[::1]", .. Machine], hosts);
    }

    [Fact]
    public void Default_ports_bind_every_address()
    {
        Assert.Equal(["localhost", "127.0.0.1", "[::1]", .. Machine], BoundHosts.For([], everyAddress: true, () => Machine));
    }
}
