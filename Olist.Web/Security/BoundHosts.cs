using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.HostFiltering;

namespace Olist.Web.Security;

/// <summary>
/// Without an explicit <c>AllowedHosts</c>, only the host names the app is bound to are served (plus the loopback
/// names), so a page of another site that resolves its own name to this machine (DNS rebinding) gets a 400 instead of
/// passing as a loopback viewer. An app bound to every address also accepts this machine's name and addresses.
/// </summary>
public static class BoundHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];
    private static readonly string[] Wildcards = ["*", "+", "0.0.0.0", "[::]", "::"];

    /// <summary>Sets the host filter's allowed hosts from the URLs the app listens on, unless <c>AllowedHosts</c> is configured.</summary>
    public static void AllowBoundHostsOnly(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            return;
        }

        var urls = (builder.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        var everyAddress = !string.IsNullOrEmpty(builder.Configuration["http_ports"]) || !string.IsNullOrEmpty(builder.Configuration["https_ports"]);
        var hosts = For(urls, everyAddress, ThisMachine);
        builder.Services.Configure<HostFilteringOptions>(options => options.AllowedHosts = [.. hosts]);
    }

    /// <summary>The host names to allow for <paramref name="urls"/>; <paramref name="machine"/> names this machine when one is bound to every address.</summary>
    internal static IReadOnlyList<string> For(IEnumerable<string> urls, bool everyAddress, Func<IEnumerable<string>> machine)
    {
        var hosts = new List<string>(Loopback);
        foreach (var url in urls)
        {
            var host = BindingAddress.Parse(url).Host;
            if (Wildcards.Contains(host, StringComparer.Ordinal))
            {
                everyAddress = true;
            }
            else
            {
                hosts.Add(host);
            }
        }

        if (everyAddress)
        {
            hosts.AddRange(machine());
        }

        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static IEnumerable<string> ThisMachine()
    {
        yield return Dns.GetHostName();
        foreach (var address in NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address))
        {
            yield return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        }
    }
}
